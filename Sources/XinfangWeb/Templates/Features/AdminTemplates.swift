/// 管理: the index of the admin pages.
let adminIndexTemplate = #"""
<section class="card">
<h1>管理</h1>
<ul id="admin-index">
<li><a href="/admin/users">账号</a>：添加、停用、启用</li>
<li><a href="/admin/audit">审计日志</a>：最近的记录与链校验</li>
<li><a href="/admin/units">单位</a></li>
<li><a href="/admin/leaders">领导</a>：日历订阅地址的签发与撤销</li>
<li><a href="/admin/reception">接访规则</a></li>
<li><a href="/admin/periods">敏感时期</a></li>
<li><a href="/admin/policies">各单位适用政策</a></li>
</ul>
</section>
"""#

/// 账号: the accounts, the add form (what was typed is kept after a refusal, never the password),
/// and one disable / enable button form per account.
let adminUsersTemplate = #"""
<section class="card">
<h1>账号</h1>
{{#refusal}}<p class="alert error" role="alert">{{refusal}}</p>{{/refusal}}
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
<table id="users">
<thead><tr><th>用户名</th><th>角色</th><th>范围</th><th>显示名</th><th>状态</th><th>创建</th><th></th></tr></thead>
<tbody>
{{#accounts}}
<tr data-user="{{name}}"><td>{{name}}</td><td>{{role}}</td><td>{{scope}}</td><td>{{display}}</td>
<td>{{#disabled}}已停用{{/disabled}}{{^disabled}}启用中{{/disabled}}{{#locked}}（锁定至 {{locked}}）{{/locked}}</td><td>{{created}}</td>
<td>{{#disabled}}<form method="post" action="/admin/users/{{name}}/enable"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">启用</button></form>{{/disabled}}
{{^disabled}}<form method="post" action="/admin/users/{{name}}/disable"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">停用</button></form>{{/disabled}}</td></tr>
{{/accounts}}
</tbody>
</table>
</section>
<section class="card narrow">
<h2>添加账号</h2>
<form id="user-form" method="post" action="/admin/users">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="name">用户名（小写字母、数字、. _ -，2–32 位）</label>
<input id="name" name="name" value="{{typedName}}" required>
<label for="display">显示名</label>
<input id="display" name="display" value="{{typedDisplay}}">
<label for="role">角色</label>
<select id="role" name="role" required>
<option value="">请选择</option>
{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/roles}}
</select>
<label for="unit">单位（承办人、接口账号）</label>
<select id="unit" name="unit">
<option value="">（无）</option>
{{#units}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/units}}
</select>
<label for="leader">领导（领导账号）</label>
<select id="leader" name="leader">
<option value="">（无）</option>
{{#leaders}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/leaders}}
</select>
<label for="password">初始密码（至少 10 位；接口账号不设密码）</label>
<input id="password" name="password" type="password" autocomplete="new-password">
<button type="submit">添加</button>
</form>
</section>
"""#

/// 领导: the leaders with their calendar feeds (日历订阅): one issue (or reissue) and one revoke
/// button form each; a new feed's URL is shown once, on the answer to the issue.
let adminLeadersTemplate = #"""
<section class="card">
<h1>领导</h1>
<p><a href="/admin">返回管理</a></p>
{{#refusal}}<p class="alert error" role="alert">{{refusal}}</p>{{/refusal}}
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
{{#issued}}<div id="feed-issued" class="notice" role="status"><p>已为{{leader}}签发新的日历订阅地址（原地址随即失效）。此地址只显示这一次，请复制后交给本人，在手机日历中“订阅日历”：</p>
<p><code id="feed-url">{{url}}</code></p></div>{{/issued}}
<div class="table-wrap"><table id="leaders">
<thead><tr><th>姓名</th><th>职务</th><th>单位</th><th>日历订阅</th><th></th></tr></thead>
<tbody>
{{#leaders}}
<tr data-leader="{{name}}"><td>{{name}}</td><td>{{title}}</td><td>{{unit}}</td>
<td class="feed">{{#feedSince}}有效（{{feedSince}} 签发）{{/feedSince}}{{^feedSince}}未签发{{/feedSince}}</td>
<td class="actions"><form method="post" action="/admin/leaders/feed-token"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="leader" value="{{name}}"><button type="submit">{{#feedSince}}重新签发{{/feedSince}}{{^feedSince}}签发订阅地址{{/feedSince}}</button></form>
{{#feedSince}}<form method="post" action="/admin/leaders/feed-token/revoke"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="leader" value="{{name}}"><button type="submit">撤销</button></form>{{/feedSince}}</td></tr>
{{/leaders}}
</tbody>
</table></div>
</section>
"""#

/// 审计日志: the latest rows, newest first, paged by `?before=<seq>`, and the 校验 button.
let adminAuditTemplate = #"""
<section class="card">
<h1>审计日志</h1>
{{#verified}}<p id="audit-ok" class="notice" role="status">审计链校验通过：共 {{verified}} 条记录，逐条哈希一致。</p>{{/verified}}
{{#broken}}<p id="audit-broken" class="alert" role="alert">审计链校验失败：第 {{seq}} 条记录不一致（{{reason}}）。</p>{{/broken}}
<form id="audit-verify" method="post" action="/admin/audit/verify"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">校验</button></form>
<table id="audit">
<thead><tr><th>序号</th><th>时间</th><th>操作者</th><th>操作</th><th>对象</th><th>详情</th></tr></thead>
<tbody>
{{#rows}}<tr data-seq="{{seq}}"><td>{{seq}}</td><td>{{at}}</td><td class="actor">{{actor}}</td><td class="action">{{action}}</td><td>{{subject}}</td><td>{{detail}}</td></tr>{{/rows}}
</tbody>
</table>
<p>{{#newest}}<a href="/admin/audit">最新记录</a> {{/newest}}{{#older}}<a href="/admin/audit?before={{older}}">更早的记录</a>{{/older}}</p>
</section>
"""#

/// A read-only list of the directory or the runtime (units, leaders, reception rules, periods, policies).
let adminListTemplate = #"""
<section class="card">
<h1>{{title}}</h1>
<p><a href="/admin">返回管理</a></p>
{{#empty}}<p class="muted">暂无记录。</p>{{/empty}}
{{^empty}}
<table class="admin-list">
<thead><tr>{{#headers}}<th>{{.}}</th>{{/headers}}</tr></thead>
<tbody>
{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}
</tbody>
</table>
{{/empty}}
</section>
"""#
