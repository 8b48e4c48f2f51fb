package user.json;

/** What {@link JsonEndpoint} answers, written as JSON by Jackson. */
public record Reply(String text, int length, Mood mood) {
}
