/// The 签收 page of a mail's link: the reminder (no personal data) and its state, or why the link
/// does not work. The button is a plain form: opening the link acknowledges nothing.
let ackTemplate = #"""
<section class="card narrow">
<h1>签收提醒</h1>
{{#reminder}}
<dl class="facts">
<dt>信访事项</dt><dd>{{caseNumber}}</dd>
<dt>提醒类别</dt><dd>{{kind}}</dd>
<dt>节点</dt><dd>{{milestone}}</dd>
<dt>期限</dt><dd>{{due}}</dd>
<dt>接收人</dt><dd>{{recipient}}</dd>
</dl>
{{/reminder}}
{{#ask}}
<form id="ack-form" method="post" action="/ack/{{token}}">
<button type="submit">签收</button>
</form>
<p class="muted">点击“签收”即确认已收到此提醒；打开本页不会签收。</p>
{{/ask}}
{{#done}}<p id="ack-done" class="notice">已签收（{{done}}）。谢谢。</p>{{/done}}
{{#already}}<p id="ack-already" class="notice">此提醒已于 {{already}} 签收，无需再次签收。</p>{{/already}}
{{#expired}}<p id="ack-expired" class="alert">链接已过期（签收链接有效期 30 天）。请登录系统签收，或联系信访局。</p>{{/expired}}
{{#invalid}}<p id="ack-invalid" class="alert">链接无效：请核对邮件中的完整链接，或登录系统签收。</p>{{/invalid}}
</section>
"""#
