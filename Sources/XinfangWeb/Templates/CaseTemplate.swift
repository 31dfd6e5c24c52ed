/// 案件详情: facts, timeline, deadlines with their explanations, reminders, supervision; the
/// personal data button (admin, the unit's clerk) and, after it, the petitioner's contact.
let caseTemplate = #"""
<section class="card">
<h1>案件 {{number}}</h1>
<p class="muted">截至 {{asOf}}{{#dirty}} · 守护进程尚未重新计算提醒（待计算）{{/dirty}}</p>
{{#mayRecordEvents}}<p class="actions"><a class="button" href="/cases/{{number}}/events/new">记录事件</a> {{#eventTypes}}<a href="/cases/{{number}}/events/new?type={{key}}">{{name}}</a> {{/eventTypes}}</p>{{/mayRecordEvents}}
<dl id="facts" class="facts">
{{#facts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/facts}}
</dl>
{{#imported}}<p class="muted">{{imported}}</p>{{/imported}}
{{#hasOwnership}}<h2>包案领导变更</h2><ul>{{#ownership}}<li>{{leader}}：{{since}} 至 {{until}}</li>{{/ownership}}</ul>{{/hasOwnership}}
{{#mayViewPersonalData}}
<form id="show-personal" method="post" action="/cases/{{number}}/personal"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">查看信访人信息（记入审计日志）</button></form>
{{/mayViewPersonalData}}
{{#personal}}
<section id="personal" class="personal">
<h2>信访人信息</h2>
<p class="muted">本次查看已记入审计日志；信息仅在本页显示，不缓存。</p>
{{#none}}<p>本案未保存信访人信息。</p>{{/none}}
{{^none}}<dl class="facts"><dt>姓名</dt><dd>{{name}}</dd><dt>身份证号</dt><dd>{{idNumber}}</dd><dt>电话</dt><dd>{{phone}}</dd><dt>地址</dt><dd>{{address}}</dd></dl>{{/none}}
</section>
{{/personal}}
</section>
<section class="card" id="timeline">
<h2>办理经过</h2>
<ol class="timeline">
{{#timeline}}<li><strong>{{date}}</strong> {{name}}{{#details}}（{{details}}）{{/details}}{{#note}} · 备注：{{note}}{{/note}}{{#late}} · <span class="late">{{late}}</span>{{/late}} <span class="muted">记录于 {{recordedAt}}</span></li>{{/timeline}}
</ol>
</section>
<section class="card" id="deadlines">
<h2>期限</h2>
{{#deadlines}}
<section class="deadline deadline-{{status}}" data-kind="{{kind}}">
<h3>{{kind}} {{name}} — {{statusText}}{{#hasDue}}，到期日 <span class="due">{{due}}</span> {{dueWeekday}}{{/hasDue}}{{#done}}，完成于 {{done}}{{/done}}{{#overdue}}，<span class="late">{{overdue}}</span>{{/overdue}}{{#provisional}} <span class="provisional">暂定</span>{{/provisional}}</h3>
<p class="muted">{{party}}</p>
<ul class="explain">{{#lines}}<li>{{.}}</li>{{/lines}}</ul>
</section>
{{/deadlines}}
</section>
<section class="card" id="reminders">
<h2>提醒</h2>
{{#scheduleNote}}<p class="muted">{{scheduleNote}}</p>{{/scheduleNote}}
{{#noReminders}}<p>尚未发出提醒。</p>{{/noReminders}}
{{^noReminders}}
<div class="table-wrap"><table>
<thead><tr><th>期限</th><th>节点</th><th>到期日</th><th>接收人</th><th>发出时间</th><th>签收</th><th>投递</th></tr></thead>
<tbody>
{{#reminders}}<tr data-reminder="{{id}}"><td>{{kind}}</td><td>{{milestone}}{{#withdrawn}}（已撤回：期限其实已按期完成）{{/withdrawn}}</td><td>{{due}}</td><td>{{recipient}}</td><td>{{fireAt}}{{#late}} · {{late}}{{/late}}</td><td class="ack">{{#acked}}已签收（{{ackedAt}}）{{/acked}}{{^acked}}未签收{{/acked}}</td><td>{{deliveries}}</td></tr>{{/reminders}}
</tbody>
</table></div>
{{/noReminders}}
</section>
<section class="card" id="supervision">
<h2>督办</h2>
{{#noSupervision}}<p>本案无督办单。</p>{{/noSupervision}}
{{#supervision}}
<section class="order"><h3>{{id}} · {{kind}} · {{unit}}</h3>
<p>{{issuedBy}} 于 {{issued}} 签发；反馈期限 {{feedbackDue}}；反馈：{{feedbackReceived}}；办结：{{closed}}</p>
<ul>{{#steps}}<li>{{.}}</li>{{/steps}}</ul>
{{#hasBreaches}}<ul class="late">{{#breaches}}<li>{{.}}</li>{{/breaches}}</ul>{{/hasBreaches}}
</section>
{{/supervision}}
</section>
"""#
