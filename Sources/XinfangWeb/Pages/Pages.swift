import Foundation
public import Hummingbird
import Mustache

/// The server-rendered pages: Mustache templates compiled into the binary (`Templates/`, one file
/// per template), each rendered inside the one layout. `{{name}}` escapes HTML; the layout's
/// `{{{content}}}` is the only unescaped slot, and it holds a page rendered here.
public struct Pages: Sendable {
    private let library: MustacheLibrary

    /// Compiles the built-in templates and `extra` ones (name → Mustache text) of later features.
    /// A template that does not compile is a programming error: it stops the process at start.
    public init(extra: [String: String] = [:]) {
        var library = MustacheLibrary()
        for (name, text) in Templates.builtIn.merging(extra, uniquingKeysWith: { $1 }) {
            do {
                try library.register(text, named: name)
            } catch {
                fatalError("template \(name) does not compile: \(error)")
            }
        }
        self.library = library
    }

    /// `template` rendered with `data` inside the layout (title, the nav for the logged-in user,
    /// the logout form with the session's CSRF token), as `text/html; charset=utf-8`, 200.
    public func render(_ template: String, title: String, context: WebContext, data: [String: Any] = [:]) -> Response {
        let html = document(template, title: title, context: context, data: data)
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The whole HTML document of `template` inside the layout.
    public func document(_ template: String, title: String, context: WebContext, data: [String: Any] = [:]) -> String {
        var data = data
        Self.addSession(context, to: &data)
        let content = library.render(data, withTemplate: template) ?? ""
        data["content"] = content
        data["pageTitle"] = title
        return library.render(data, withTemplate: "layout") ?? content
    }

    /// `template` rendered with `data` alone, without the layout and without the session's values
    /// (user, CSRF token): a page's content that may be kept and shown to others of the same scope.
    func content(_ template: String, data: [String: Any]) -> String {
        library.render(data, withTemplate: template) ?? ""
    }

    /// `content` (from `content(_:data:)`) inside the layout, as `render` answers.
    func render(content: String, title: String, context: WebContext) -> Response {
        var data: [String: Any] = ["content": content, "pageTitle": title]
        Self.addSession(context, to: &data)
        let html = library.render(data, withTemplate: "layout") ?? content
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The logged-in user (the nav) and the session's CSRF token (the logout form).
    private static func addSession(_ context: WebContext, to data: inout [String: Any]) {
        if let principal = context.principal {
            data["user"] = ["name": principal.username, "role": principal.role.chineseName, "isAdmin": principal.isAdmin] as [String: Any]
        }
        if let csrf = context.csrfToken { data["csrf"] = csrf }
    }
}
