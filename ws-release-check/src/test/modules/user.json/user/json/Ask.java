package user.json;

/** A message the client sends, read from JSON by Jackson. */
public record Ask(String text, int times, Mood mood) {
}
