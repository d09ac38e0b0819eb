import Foundation
import HTTPTypes
import Hummingbird

/// Reading request bodies within the server's size limit, with the content types each route takes.
struct RequestBodies: Sendable {
    /// The largest body accepted, in bytes.
    let limit: Int

    /// The body's bytes.
    /// - Throws: ``APIError`` 413 beyond the limit.
    func bytes(_ request: Request) async throws(APIError) -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge
        }
        do {
            var body = request.body
            let buffer = try await body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch {
            throw (error as? HTTPError)?.status == .contentTooLarge
                ? tooLarge : APIError(.badRequest, "unreadable-body", "the request body could not be read")
        }
    }

    private var tooLarge: APIError {
        APIError(.contentTooLarge, "too-large", "the request body is larger than this server's limit of \(limit) bytes")
    }

    /// Decodes a JSON body (`Content-Type: application/json`).
    /// - Throws: ``APIError``: 415 for another content type, 413, 400 naming the field that does not fit.
    func json<T: Decodable>(_ type: T.Type, _ request: Request) async throws(APIError) -> T {
        guard Self.mediaType(request) == "application/json" else {
            throw unsupported(request, expected: "application/json")
        }
        return try JSONCoding.decode(type, from: try await bytes(request))
    }

    /// A scenario's text: a JSON body `{"text": …}` or the raw YAML/JSON text.
    /// - Throws: ``APIError``: 415, 413, 400 for a body that is not UTF-8.
    func scenarioText(_ request: Request) async throws(APIError) -> (text: String, file: String?) {
        switch Self.mediaType(request) {
        case "application/json":
            let body = try JSONCoding.decode(ValidateBody.self, from: try await bytes(request))
            return (body.text, body.file)
        case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain":
            guard let text = String(data: try await bytes(request), encoding: .utf8) else {
                throw APIError(.badRequest, "not-text", "the body is not UTF-8 text")
            }
            return (text, nil)
        default:
            throw unsupported(request, expected: "application/json ({\"text\": …}) or application/yaml")
        }
    }

    private func unsupported(_ request: Request, expected: String) -> APIError {
        let given = request.headers[.contentType] ?? "none"
        return APIError(
            .unsupportedMediaType, "unsupported-media-type", "Content-Type \(given): expected \(expected)")
    }

    /// The request's media type, lowercased, without parameters.
    static func mediaType(_ request: Request) -> String? {
        request.headers[.contentType].map {
            $0.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        }
    }
}

extension Response {
    /// A JSON response of `value`.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
        -> Response
    {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSONCoding.encode(value))))
    }

    /// A text response of `text` with `contentType`.
    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
        -> Response
    {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension Parameters {
    /// The path parameter `name` (routes define it, so it is always there; an empty string otherwise).
    func string(_ name: String) -> String { self.get(name) ?? "" }
}
