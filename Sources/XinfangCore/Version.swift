/// The release of Xinfang, printed by `xinfangd --version` and `xinfangctl --version`: the one place
/// it is written (the Makefile and the man pages read it from here).
public enum XinfangVersion {
    public static let current = "0.1.0"
}
