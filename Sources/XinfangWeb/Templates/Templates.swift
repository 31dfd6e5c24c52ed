/// The templates compiled into the binary, by name; one file per template beside this one.
enum Templates {
    static let builtIn: [String: String] = [
        "layout": layoutTemplate,
        "login": loginTemplate,
        "home": homeTemplate,
        "error": errorTemplate,
    ]
}
