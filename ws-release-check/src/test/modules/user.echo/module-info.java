// A user's application as a named module. ModulePathTest compiles it twice: as it is, and with the
// "opens" line removed, to check the deployment error that names the class and the fix.
module user.echo {
    requires dev.wsf.runtime;
    requires dev.wsf.annotated;

    opens user.echo to dev.wsf.annotated; // OPENS
}
