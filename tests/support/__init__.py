"""What tests share, so that no test module imports another: the servers and each test's
namespace, the demo directory, stand-in channels, the services in-process or as processes,
and domain objects in known states."""
