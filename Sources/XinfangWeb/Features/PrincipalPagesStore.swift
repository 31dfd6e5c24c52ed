public import XinfangPorts

/// The ports the 我的, 督办, 通报 and 管理 pages read and write besides `WebStore`: the own page's
/// reads, case scopes, supervision orders, open cases (proposals) and the audit log. xinfangd hands
/// its store to these features as this.
public typealias PrincipalPagesStore = WebStore & MyPageReads & CaseScopes & SupervisionStore & OpenCaseReads & AuditReads
