/// The web interface and the JSON API: built in the issue "a way in" (see docs/architecture.md).
public enum XinfangWeb {}
