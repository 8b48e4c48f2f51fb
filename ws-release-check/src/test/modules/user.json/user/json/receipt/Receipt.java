package user.json.receipt;

/** In a package that module user.json neither exports nor opens. */
public record Receipt(String received) {
}
