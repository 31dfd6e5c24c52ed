import XinfangApp

/// 工作台: counts, the filter form (GET), the case table most urgent first (its rows are
/// `DashboardRows`), "下一页".
let dashboardTemplate = #"""
<section class="card">
<h1>工作台</h1>
<p class="muted">范围：{{scope}} · 截至 {{asOf}} · 黄灯：{{warning}}个工作日内到期</p>
<ul class="counts">
<li><span class="count-label">在办</span> <strong id="count-open">{{open}}</strong></li>
<li class="count-yellow"><span class="count-label">{{warning}}个工作日内到期</span> <strong id="count-due-soon">{{dueSoon}}</strong></li>
<li class="count-red"><span class="count-label">已超期</span> <strong id="count-overdue">{{overdue}}</strong></li>
</ul>
<form id="filters" class="filters" method="get" action="/">
<label>承办单位 <input name="unit" value="{{unit}}"></label>
<label>包案领导 <input name="leader" value="{{leader}}"></label>
<label>类别 <select name="category"><option value="">全部</option>{{#categories}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/categories}}</select></label>
<label>灯色 <select name="light"><option value="">全部</option>{{#lights}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/lights}}</select></label>
<label>几个工作日内到期 <input name="within" inputmode="numeric" size="4" value="{{within}}"></label>
<button type="submit">筛选</button> <a href="/">清除</a>
</form>
</section>
<section class="card">
{{#mayAddCase}}<p class="actions"><a class="button" href="/cases/new">登记案件</a></p>{{/mayAddCase}}
{{#empty}}<p>没有符合条件的在办案件。</p>{{/empty}}
{{^empty}}
<div class="table-wrap">
<table id="cases">
<thead><tr><th>灯</th><th>案件编号</th><th>事项摘要</th><th>承办单位</th><th>包案领导</th><th>类别</th><th>最近期限</th><th>到期日</th><th>状态</th></tr></thead>
<tbody>
{{{rows}}}
</tbody>
</table>
</div>
{{/empty}}
<p class="pager">{{#first}}<a href="{{first}}">第一页</a> {{/first}}{{#next}}<a rel="next" href="{{next}}">下一页</a>{{/next}}</p>
</section>
"""#

/// The rows of the 工作台's case table, written in Swift: through Mustache, two thirds of the
/// page's CPU went to looking up each row's values in `[String: Any]` contexts (dynamic casts), and
/// the page is the one every clerk opens. Each value is escaped as `{{…}}` would escape it.
enum DashboardRows {
    static func html(_ items: [Dashboard.Item]) -> String {
        var html = ""
        html.reserveCapacity(items.count * 640)
        for item in items {
            let number = HTML.escape(item.caseNumber)
            html += "<tr data-case=\"\(number)\">\n"
            html += "<td class=\"light light-\(item.light.rawValue)\" title=\"\(HTML.escape(item.light.meaning))\">\(DashboardPage.lightText(item.light))</td>\n"
            html += "<td><a href=\"/cases/\(number)\">\(number)</a></td>\n"
            html += "<td>\(HTML.escape(item.title.flatMap { $0.isEmpty ? nil : $0 } ?? "—"))</td>\n"
            html += "<td>\(HTML.escape(item.unit))</td>\n"
            html += "<td>\(HTML.escape(item.leader ?? "—"))</td>\n"
            html += "<td>\(HTML.escape(item.category))</td>\n"
            if let next = item.deadline {
                html += "<td>\(HTML.escape(next.kind)) \(HTML.escape(next.name))</td><td class=\"due\">\(HTML.escape(next.due))</td>"
                html += "<td class=\"state\">\(HTML.escape(next.weekday)) · \(HTML.escape(next.state))\(next.provisional ? "（暂定）" : "")</td>\n"
            } else {
                html += "<td>—</td><td class=\"due\"></td><td class=\"state\">无待办期限</td>\n"
            }
            html += "</tr>\n"
            if item.notYetComputed { html += "<tr class=\"note\"><td colspan=\"9\">\(number)：守护进程尚未重新计算（待计算）</td></tr>\n" }
        }
        return html
    }
}
