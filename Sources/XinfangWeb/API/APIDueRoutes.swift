import Foundation
import Hummingbird
import XinfangApp
import XinfangCore
import XinfangPorts

/// `GET /due?unit=&days=&limit=&cursor=`: the deadlines a unit still owes, due within `days`
/// calendar days of today (default 7) or overdue, earliest first (`DueList`), a page at a time. A
/// unit outside the principal's scope is a 404, as a missing case is.
///
/// Fast on a large store: each page's encoded body is kept (`DueCache`) until the store changes.
struct APIDueRoutes {
    let api: APIContext
    let cache: DueCache

    func add(to group: RouterGroup<WebContext>) {
        let api = api, cache = cache
        group.get("/due") { request, context in try api.due(request, context, cache: cache) }
    }
}

extension APIContext {
    func due(_ request: Request, _ context: WebContext, cache: DueCache) throws -> Response {
        let principal = try Self.principal(context)
        let query = try APIQuery(request, known: ["unit", "days", "limit", "cursor"])
        let days = try query.int("days", default: 7, in: 0...366)
        let limit = try query.int("limit", default: 100, in: 1...500)
        let cursor = query.text("cursor")
        let unit: String?
        switch (query.text("unit"), principal.role) {
        case (let asked?, _):
            // A unit outside the scope answers as an unknown one would for anyone: not found.
            if principal.role == .clerk || principal.role == .api, !principal.units.contains(asked) { throw WebProblem.notFound }
            unit = asked
        case (nil, .clerk), (nil, .api):
            guard principal.units.count == 1 else {
                throw WebProblem.badRequest("参数 unit 必填：本令牌可查看多个单位（\(principal.units.joined(separator: "、"))），请指定其一")
            }
            unit = principal.units[0]
        case (nil, _): unit = nil
        }
        // A leader sees the deadlines of own cases only.
        let leader = principal.role == .leader ? (principal.leader ?? "") : nil
        let now = now(), runtime = try runtime
        let today = try time.day(of: now)
        let key = DueCache.Key(unit: unit, leader: leader, days: days, limit: limit, cursor: cursor, today: today.number,
                               calendar: runtime.settings.scheduling.calendar.id, policy: runtime.settings.registry.defaultPolicyID)
        let body = try cache.body(for: key) {
            var items = try DueList(reader: reader(runtime), today: today, days: days, overdueOnly: false, unit: unit, now: now).items
            if let leader { items = items.filter { $0.leader == leader } }
            let page = try Self.duePage(items, limit: limit, cursor: cursor)
            return (try Self.encoder.encode(page), items.contains(where: \.notYetComputed))
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }

    /// The page after `cursor` (`due|case|kind` of the last item before), in `DueList`'s order.
    static func duePage(_ items: [DueList.Item], limit: Int, cursor: String?) throws -> APIPage<DueList.Item> {
        var start = items.startIndex
        if let cursor {
            let parts = try APICursor.decode(cursor).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, Day(parts[0]) != nil else { throw APICursor.invalid }
            let after = (parts[0], parts[1], parts[2])
            start = items.firstIndex { ($0.due, $0.caseNumber, $0.kind) > after } ?? items.endIndex
        }
        let end = min(items.endIndex, start + limit)
        let page = Array(items[start..<end])
        let next = end < items.endIndex ? page.last.map { APICursor.encode("\($0.due)|\($0.caseNumber)|\($0.kind)") } : nil
        return APIPage(items: page, nextCursor: next)
    }
}

/// The encoded due-list pages (`KeptPages`), each kept until its unit's cases change (a leader's
/// or everyone's list: until any case changes). A page listing a case the daemon has not computed
/// yet is not kept (its rows depend on the time). Keyed by what the page depends on besides the
/// store: the unit (or leader), the window, the page, today, and the calendar and default policy in
/// force. At most `budget` bytes are kept.
final class DueCache: Sendable {
    struct Key: Hashable, Sendable {
        var unit: String?
        var leader: String?
        var days: Int
        var limit: Int
        var cursor: String?
        var today: Int
        var calendar: String
        var policy: String
    }

    private let pages: KeptPages<Key, ByteBuffer>

    init(changes: (any StoreChanges)?, budget: Int = 48 << 20) {
        pages = KeptPages(changes: changes, budget: budget) { $0.readableBytes }
    }

    /// The kept body for `key`, or `make()`'s (kept unless it says the page depends on the time).
    func body(for key: Key, make: () throws -> (Data, dependsOnTime: Bool)) throws -> ByteBuffer {
        try pages.value(for: key, scope: key.unit.map(ScheduleScope.unit) ?? .all) {
            let (data, dependsOnTime) = try make()
            return (ByteBuffer(bytes: data), keep: !dependsOnTime)
        }
    }
}
