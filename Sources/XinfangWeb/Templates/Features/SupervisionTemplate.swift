/// 督办: the orders in scope with their steps and breaches, the yellow cards, and for admin the
/// proposals and the forms (issue, feedback, close) — a refused form keeps what was typed.
let supervisionTemplate = #"""
<section class="card">
<h1>督办（{{today}}）</h1>
{{#refusal}}<p class="alert error" role="alert">{{refusal}}</p>{{/refusal}}
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
<h2>督办单</h2>
{{#hasOrders}}
<div class="table-wrap"><table id="orders">
<thead><tr><th>单号</th><th>类别</th><th>单位</th><th>信访事项</th><th>发出</th><th>反馈期限</th><th>已反馈</th><th>承诺办结</th><th>办结</th><th>进度</th></tr></thead>
<tbody>
{{#orders}}<tr data-order="{{id}}"><td class="nowrap">{{id}}</td><td class="nowrap">{{kind}}</td><td class="nowrap">{{unit}}</td><td>{{#caseNumber}}<a href="/cases/{{caseNumber}}">{{caseNumber}}</a>{{/caseNumber}}</td><td>{{issued}}（{{issuedBy}}）</td><td class="nowrap">{{feedbackDue}}</td><td class="nowrap">{{feedbackReceived}}</td><td class="nowrap">{{promised}}</td><td class="nowrap">{{closed}}</td>
<td><ul>{{#steps}}<li>{{.}}</li>{{/steps}}</ul>{{#hasBreaches}}<p class="alert">逾期：{{#breaches}}{{.}}；{{/breaches}}</p>{{/hasBreaches}}</td></tr>{{/orders}}
</tbody>
</table></div>
{{/hasOrders}}
{{^hasOrders}}<p class="muted">没有督办单。</p>{{/hasOrders}}
<h2>黄牌警告</h2>
{{#hasCards}}<ul id="yellow-cards">{{#cards}}<li>{{unit}}：自 {{since}} 起，近期逾期 {{breaches}} 次</li>{{/cards}}</ul>{{/hasCards}}
{{^hasCards}}<p class="muted">没有单位被黄牌警告。</p>{{/hasCards}}
</section>
{{#isAdmin}}
<section class="card" id="proposals">
<h2>建议督办（已超期、尚无督办单）</h2>
{{#hasProposals}}<table><thead><tr><th>信访事项</th><th>单位</th><th>期限</th><th>到期日</th><th>依据</th></tr></thead>
<tbody>{{#proposals}}<tr><td><a href="/cases/{{caseNumber}}">{{caseNumber}}</a></td><td>{{unit}}</td><td>{{deadline}}</td><td>{{due}}</td><td>{{article}}</td></tr>{{/proposals}}</tbody></table>{{/hasProposals}}
{{^hasProposals}}<p class="muted">没有需要督办的超期事项。</p>{{/hasProposals}}
</section>
<section class="card narrow">
<h2>发出督办单</h2>
<form id="supervision-form" method="post" action="/supervision">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="id">单号</label><input id="id" name="id" value="{{typed_id}}" placeholder="督字〔2026〕1号" required>
<label for="kind">类别</label><select id="kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/kinds}}</select>
<label for="caseNumber">信访事项编号</label><input id="caseNumber" name="caseNumber" value="{{typed_caseNumber}}">
<label for="unit">单位（不填则取信访事项的承办单位）</label><input id="unit" name="unit" value="{{typed_unit}}">
<label for="issuedBy">发出机关</label><input id="issuedBy" name="issuedBy" value="{{typed_issuedBy}}" required>
<label for="issued">发出日</label><input id="issued" name="issued" value="{{typed_issued}}" placeholder="{{today}}">
<label for="feedbackDue">反馈期限（不填按政策）</label><input id="feedbackDue" name="feedbackDue" value="{{typed_feedbackDue}}" placeholder="YYYY-MM-DD">
<label for="promised">承诺办结日</label><input id="promised" name="promised" value="{{typed_promised}}" placeholder="YYYY-MM-DD">
<button type="submit">发出</button>
</form>
</section>
<section class="card narrow">
<h2>记录反馈 / 办结销号</h2>
<form id="feedback-form" method="post" action="/supervision/feedback">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="fb-order">督办单号</label><input id="fb-order" name="order" value="{{#form_feedback}}{{typed_order}}{{/form_feedback}}" required>
<label for="fb-day">反馈日</label><input id="fb-day" name="day" value="{{#form_feedback}}{{typed_day}}{{/form_feedback}}" placeholder="{{today}}">
<button type="submit">记录反馈</button>
</form>
<form id="close-form" method="post" action="/supervision/close">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="cl-order">督办单号</label><input id="cl-order" name="order" value="{{#form_close}}{{typed_order}}{{/form_close}}" required>
<label for="cl-day">办结日</label><input id="cl-day" name="day" value="{{#form_close}}{{typed_day}}{{/form_close}}" placeholder="{{today}}">
<button type="submit">办结销号</button>
</form>
</section>
{{/isAdmin}}
"""#
