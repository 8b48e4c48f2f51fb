package user.json;

/** An enum component: Jackson reads and writes its constants without access to the package. */
public enum Mood {
    CALM, LOUD
}
