/// An error page: the status, what happened in Chinese, and the rule and article when a rule refused.
let errorTemplate = #"""
<section class="card narrow">
<h1>{{title}}</h1>
<p>{{detail}}</p>
{{#rule}}<p class="rule">规则：{{rule}}{{#article}}（{{article}}）{{/article}}</p>{{/rule}}
<p class="muted">状态码 {{status}} · <a href="/">返回工作台</a></p>
</section>
"""#
