import Foundation
import HTTPTypes
import HeadroomAnalysis
import HeadroomScenario
import HeadroomStore
import Hummingbird
import Logging

/// A refused request: its HTTP status, a stable code, a message naming what was expected, and for scenarios the
/// located diagnostics; every error the API returns has this JSON shape.
public struct APIError: Error, Sendable, HTTPResponseError {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable, machine-readable code (`not-found`, `stale-parent`, `invalid-scenario`…).
    public var code: String
    /// What was wrong, and what was expected.
    public var message: String
    /// For scenarios: each problem at its `FILE:LINE:COLUMN` and field path.
    public var diagnostics: [DiagnosticBody]
    /// Extra response headers (`Allow`, `Retry-After`).
    public var headers: HTTPFields

    /// Creates an error.
    public init(
        _ status: HTTPResponse.Status, _ code: String, _ message: String, diagnostics: [DiagnosticBody] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
        self.headers = headers
    }

    /// The JSON body: `{"error": {"code", "message", "diagnostics"}}`.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = ErrorBody(error: .init(code: code, message: message, diagnostics: diagnostics))
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSONCoding.encode(body))))
    }

    /// The error for a store refusal.
    static func store(_ error: StoreError) -> APIError {
        switch error.code {
        case .notFound: APIError(.notFound, error.code.rawValue, error.message)
        case .conflict, .staleParent, .invalidTransition: APIError(.conflict, error.code.rawValue, error.message)
        case .invalidInput: APIError(.unprocessableContent, error.code.rawValue, error.message)
        case .database: APIError(.internalServerError, "database", error.message)
        }
    }

    /// The error for an analysis refusal (an invalid scenario or settings).
    static func analysis(_ error: AnalysisError) -> APIError {
        APIError(
            .unprocessableContent, error.code.description, error.message,
            diagnostics: error.diagnostics.map(DiagnosticBody.init))
    }

    /// Any error as an API error: itself, a store or analysis refusal, Hummingbird's own, or a 500.
    static func wrapping(_ error: any Error) -> APIError {
        if let error = error as? APIError { return error }
        if let error = error as? StoreError { return store(error) }
        if let error = error as? AnalysisError { return analysis(error) }
        if let error = error as? HTTPError {
            let code =
                error.status == .contentTooLarge
                ? "too-large" : error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "-")
            return APIError(error.status, code, error.body ?? error.status.reasonPhrase, headers: error.headers)
        }
        return APIError(.internalServerError, "internal", "internal error")
    }
}

/// One scenario diagnostic as JSON: where (`file`, `line`, `column`, `path`) and what.
public struct DiagnosticBody: Sendable, Hashable, Codable {
    /// The kind of problem (`yaml-syntax`, `missing-field`, `invalid-value`…).
    public var code: String
    /// What was expected and what was found.
    public var message: String
    /// The file name the text was given.
    public var file: String
    /// The 1-based line (0: not inside the text).
    public var line: Int
    /// The 1-based column (0: not inside the text).
    public var column: Int
    /// The field path, such as `contracts[2].price`.
    public var path: String
    /// `FILE:LINE:COLUMN: message`, as the CLI prints it.
    public var text: String

    /// The body of `diagnostic`.
    public init(_ diagnostic: ScenarioDiagnostic) {
        code = diagnostic.code.description
        message = diagnostic.message
        file = diagnostic.file
        line = diagnostic.line
        column = diagnostic.column
        path = diagnostic.path
        text = diagnostic.description
    }
}

/// The JSON shape of every error response.
struct ErrorBody: Codable {
    struct Detail: Codable {
        var code: String
        var message: String
        var diagnostics: [DiagnosticBody]
    }
    var error: Detail
}

/// Turns every error a route or middleware throws into the API's JSON error (a 500 is logged, its cause hidden).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let wrapped = APIError.wrapping(error)
            if wrapped.status == .internalServerError {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            }
            return try wrapped.response(from: request, context: context)
        }
    }
}
