// A user's application that names both cluster buses, as a named module. ModulePathTest runs it on
// the module path with the published jars' whole runtime closure (Lettuce, Netty, jnats, ...).
module user.cluster {
    requires dev.wsf.cluster.redis;
    requires dev.wsf.cluster.nats;
}
