import XinfangCore
import XinfangPorts

/// Why a principal's request was refused by the access rules (nothing written). A case outside the
/// principal's scope is answered exactly as a missing one, so that its existence does not leak.
public enum AccessRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// Missing, or outside the principal's scope (HTTP 404); the message names only what was asked for.
    case notFound(String)
    /// Visible to the principal, but the role lacks the right (HTTP 403).
    case forbidden(String)

    /// The refusal for a case that is missing or outside the scope: the same for both.
    public static func unknownCase(_ number: String) -> AccessRefusal { .notFound("未找到信访事项 \(number)") }

    public var description: String {
        switch self {
        case .notFound(let message), .forbidden(let message): message
        }
    }

    /// The HTTP status this refusal answers with.
    public var status: Int {
        switch self {
        case .notFound: 404
        case .forbidden: 403
        }
    }
}

extension CaseScopes {
    /// The case's scope when the principal may see it; otherwise `AccessRefusal.unknownCase`, whether
    /// the case is missing or outside the scope.
    func visibleScope(of number: String, to principal: Principal) throws -> CaseScope {
        guard let scope = try caseScope(number: number), principal.canSee(caseUnit: scope.unit, caseLeader: scope.leader) else {
            throw AccessRefusal.unknownCase(number)
        }
        return scope
    }
}
