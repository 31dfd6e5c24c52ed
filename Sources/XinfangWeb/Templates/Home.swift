/// 工作台, a placeholder until the dashboard comes (phase 2): who is logged in.
let homeTemplate = #"""
<section class="card">
<h1>工作台</h1>
{{#user}}<p>您已登录：<strong>{{name}}</strong>（{{role}}）。</p>{{/user}}
<p>案件清单与期限提醒即将在此显示。</p>
</section>
"""#
