import HeadroomStore
import Hummingbird
import HummingbirdAuth

/// Who is calling: an API key's holder and role, or `anonymous` (an editor) on a server running open.
public struct Caller: Sendable, Hashable, RoleProviding {
    /// The key's name (it names the caller in the audit table).
    public var name: String
    /// The key's role.
    public var role: APIRole

    /// Creates a caller.
    public init(name: String, role: APIRole) {
        self.name = name
        self.role = role
    }

    /// An editor may do what a viewer may.
    public var roles: Set<APIRole> { role == .editor ? [.viewer, .editor] : [.viewer] }
}

/// The context of every request: Hummingbird's core storage and the authenticated caller.
public struct ServerRequestContext: AuthRequestContext, RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The caller, once authenticated.
    public var identity: Caller?

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }
}

/// Authenticates `Authorization: Bearer KEY` against the store's hashed keys; with no key, a caller is anonymous
/// while the store has no active keys, and only on a loopback address (revoking the last key of a server on
/// another address never opens it).
struct APIKeyAuthenticator: AuthenticatorMiddleware {
    typealias Context = ServerRequestContext
    /// The store holding the keys.
    let store: ScenarioStore
    /// Whether a caller without a key may be anonymous when no key is active (loopback only).
    let allowAnonymous: Bool

    func authenticate(request: Request, context: Context) async throws -> Caller? {
        if let bearer = request.headers.bearer {
            guard let key = try store.apiKey(matching: bearer.token) else {
                throw APIError(
                    .unauthorized, "unauthorized", "unknown or revoked API key",
                    headers: [.wwwAuthenticate: "Bearer"])
            }
            return Caller(name: key.name, role: key.role)
        }
        if request.headers[.authorization] != nil {
            throw APIError(
                .unauthorized, "unauthorized", "expected the header 'Authorization: Bearer KEY'",
                headers: [.wwwAuthenticate: "Bearer"])
        }
        guard allowAnonymous, try !store.hasActiveAPIKeys() else { return nil }
        return Caller(name: "anonymous", role: .editor)
    }
}

/// Lets a request through only when its caller holds `role` (401 without a caller, 403 with too small a role).
struct RequireRole: RouterMiddleware {
    typealias Context = ServerRequestContext
    /// The role needed.
    let role: APIRole

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let caller = context.identity else {
            throw APIError(
                .unauthorized, "unauthorized", "this server needs an API key: 'Authorization: Bearer KEY'",
                headers: [.wwwAuthenticate: "Bearer"])
        }
        guard caller.roles.contains(role) else {
            throw APIError(
                .forbidden, "forbidden",
                "key \(caller.name) is a \(caller.role.rawValue); this needs an \(role.rawValue)")
        }
        return try await next(request, context)
    }
}
