/// 通报: the period form (GET), the CSV link, and per section the counts by month and the measures.
let bulletinTemplate = #"""
<section class="card">
<h1>信访工作通报</h1>
{{#refusal}}<p class="alert error" role="alert">{{refusal}}</p>{{/refusal}}
<form id="bulletin-form" method="get" action="/bulletin">
<label for="from">起始日</label><input id="from" name="from" value="{{from}}" placeholder="YYYY-MM-DD">
<label for="to">截止日</label><input id="to" name="to" value="{{to}}" placeholder="YYYY-MM-DD">
<label for="unit">单位</label>
<select id="unit" name="unit"><option value="">全部</option>{{#units}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/units}}</select>
<button type="submit">查看</button>
</form>
{{#shown}}
<p>期间：{{period}} · <a id="bulletin-csv" href="{{csvHref}}">下载 CSV</a></p>
{{/shown}}
</section>
{{#sections}}
<section class="card bulletin-section" data-unit="{{unit}}">
<h2>{{unit}}</h2>
<table>
<thead><tr><th>月份</th><th>收到</th><th>受理</th><th>办结</th><th>在办（月末）</th><th>超期（月末）</th></tr></thead>
<tbody>{{#months}}<tr><td>{{label}}</td><td>{{received}}</td><td>{{accepted}}</td><td>{{answered}}</td><td>{{pending}}</td><td>{{overdue}}</td></tr>{{/months}}</tbody>
</table>
<table class="measures">
<thead><tr><th>指标（全期）</th><th>分子/分母</th><th>值</th><th>公式</th></tr></thead>
<tbody>{{#measures}}<tr><td>{{name}}</td><td>{{numerator}}/{{denominator}}</td><td>{{value}}</td><td class="muted">{{formula}}</td></tr>{{/measures}}</tbody>
</table>
</section>
{{/sections}}
"""#
