import Foundation
import Hummingbird
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangFiles
public import XinfangPorts

/// The store's ports the core pages (工作台, 案件详情, the forms) read and write through, beyond
/// `WebStore`: case scopes, audited personal data, supervision orders and open cases.
public typealias CaseWorkStore = WebStore & CaseScopes & PersonalDataStore & SupervisionStore & OpenCaseReads

/// What the core pages share per request: the store, the runtime in force (a reload replaces it),
/// today on the daemon's clock, and the application layer's use cases built over them.
struct CaseWork: Sendable {
    let store: any CaseWorkStore
    let app: WebApp
    let environment: WebEnvironment

    var runtime: WebRuntime { app.current }
    var time: LocalTime { runtime.settings.scheduling.time }
    /// Today in the daemon's local time (the test clock in test mode).
    var today: Day { time.day(of: environment.now()) }

    var reader: ScheduleReader {
        ScheduleReader(store: store, registry: runtime.settings.registry, scheduling: runtime.settings.scheduling)
    }
    var supervision: Supervision {
        Supervision(store: store, registry: runtime.settings.registry, calendar: runtime.settings.scheduling.calendar)
    }
    var casePages: CasePages { CasePages(reader: reader, scopes: store, supervision: supervision, time: time) }
    var recorder: PrincipalRecorder {
        PrincipalRecorder(store: store, registry: runtime.settings.registry, calendar: runtime.settings.scheduling.calendar)
    }
    var personalData: PersonalDataAccess { PersonalDataAccess(store: store) }

    /// Tells the daemon's scheduler that a case changed, so that it recomputes the schedule now.
    func changed() {
        _ = Nudge.send(candidates: StoreLocation.socketCandidates(store: runtime.config.storePath))
    }

    /// The principal of a page behind `RequireLogin`.
    static func principal(_ context: WebContext) throws -> Principal {
        guard let principal = context.principal else { throw WebProblem.unauthorized }
        return principal
    }

    /// An access refusal as the page's problem: 404 (the same page as a missing case) or 403.
    static func problem(_ refusal: AccessRefusal) -> WebProblem {
        switch refusal {
        case .notFound: .notFound
        case .forbidden(let message): .forbidden(message + "。")
        }
    }

    /// `body`, with access refusals turned into the page's problem.
    static func refusing<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let refusal as AccessRefusal { throw problem(refusal) }
    }
}

extension WebEnvironment {
    /// The core pages' per-request state, or 503 without a store (a server made without one).
    func caseWork(_ store: (any CaseWorkStore)?) throws -> CaseWork {
        guard let app, let store else {
            throw WebProblem(status: .serviceUnavailable, slug: "unavailable", title: "服务暂不可用", detail: "案件库尚未就绪，请稍后再试。")
        }
        return CaseWork(store: store, app: app, environment: self)
    }
}
