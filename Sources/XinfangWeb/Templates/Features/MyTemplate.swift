/// 我的: the principal's cases, the reminders to acknowledge (one 签收 form each), the reception
/// days with their briefings, deputies and absences.
let myTemplate = #"""
<section class="card">
<h1>我的</h1>
{{#notice}}<p id="notice" class="notice" role="status">{{notice}}</p>{{/notice}}
<h2>待签收提醒</h2>
<div id="pending-reminders">
{{#hasReminders}}
<table>
<thead><tr><th>信访事项</th><th>节点</th><th>期限</th><th>接收人</th><th>提醒</th><th></th></tr></thead>
<tbody>
{{#reminders}}
<tr data-reminder="{{id}}"><td><a href="/cases/{{caseNumber}}">{{caseNumber}}</a></td><td>{{milestone}}（{{kind}}）</td><td class="nowrap">{{due}}</td><td class="nowrap">{{recipient}}</td><td>{{subject}}<br><span class="muted">{{createdAt}}</span></td>
<td><form method="post" action="/reminders/{{id}}/ack"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">签收</button></form></td></tr>
{{/reminders}}
</tbody>
</table>
{{/hasReminders}}
{{^hasReminders}}<p class="muted">没有待签收的提醒。</p>{{/hasReminders}}
</div>
</section>
<section class="card" id="my-cases">
<h2>我的案件（{{today}}）</h2>
{{#hasCases}}
<table>
<thead><tr><th>灯</th><th>信访事项</th><th>承办单位</th><th>下一期限</th><th>到期日</th></tr></thead>
<tbody>
{{#cases}}
<tr data-case="{{number}}"><td class="light light-{{light}}">{{lightName}}</td><td><a href="/cases/{{number}}">{{number}}</a>{{#title}} {{title}}{{/title}}</td><td>{{unit}}</td><td>{{deadline}}</td><td class="due">{{due}}</td></tr>
{{/cases}}
</tbody>
</table>
{{/hasCases}}
{{^hasCases}}<p class="muted">没有在办案件。</p>{{/hasCases}}
</section>
{{#isLeader}}
<section class="card" id="reception-days">
<h2>近期接访日</h2>
{{#hasReceptionDays}}
{{#receptionDays}}
<article class="reception-day" data-day="{{day}}">
<h3>{{day}}（{{weekday}}） · {{place}}{{#provisional}} <span class="muted">（暂定）</span>{{/provisional}}</h3>
{{#why}}<p class="muted">{{why}}</p>{{/why}}
<p>该地在办案件 {{openCount}} 件</p>
<ul>{{#cases}}<li><a href="/cases/{{number}}">{{number}}</a> 期限 {{due}}</li>{{/cases}}</ul>
</article>
{{/receptionDays}}
{{/hasReceptionDays}}
{{^hasReceptionDays}}<p class="muted">未来两周没有接访日。</p>{{/hasReceptionDays}}
</section>
<section class="card" id="deputies">
<h2>代理人与请假</h2>
{{#hasDeputies}}
<ul>{{#deputies}}<li>{{deputy}}{{#absence}}：请假代理 {{from}} 至 {{until}}{{/absence}}{{^absence}}：常设代理{{/absence}}</li>{{/deputies}}</ul>
{{/hasDeputies}}
{{^hasDeputies}}<p class="muted">未设代理人，也没有请假。</p>{{/hasDeputies}}
</section>
{{/isLeader}}
"""#
