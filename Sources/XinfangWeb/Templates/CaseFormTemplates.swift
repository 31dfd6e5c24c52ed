/// 登记案件: the facts of a case in Chinese, the petitioner's contact optional; a refusal is shown
/// above the form (`.error`) with every typed value kept.
let caseFormTemplate = #"""
<section class="card">
<h1>登记案件</h1>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
<form id="case-form" class="form" method="post" action="/cases">
<input type="hidden" name="csrf" value="{{csrf}}">
<label>案件编号 <input name="number" value="{{number}}" required placeholder="XF-2026-000123"></label>
<label>收到日期 <input name="received" value="{{received}}" required placeholder="YYYY-MM-DD"></label>
<label>来源渠道 <select name="channel">{{#channels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/channels}}</select></label>
<label>类别 <select name="category">{{#categories}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/categories}}</select></label>
{{#freeUnit}}<label>承办单位 <input name="unit" value="{{unit}}" required></label>{{/freeUnit}}
{{#hasFixedUnits}}<label>承办单位 <select name="unit">{{#fixedUnits}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/fixedUnits}}</select></label>{{/hasFixedUnits}}
<label>信访人数 <input name="persons" value="{{persons}}" inputmode="numeric" size="4"></label>
<label>包案领导 <input name="leader" value="{{leader}}"></label>
<label>乡镇/街道/村 <input name="place" value="{{place}}"></label>
<label>事项摘要（不含个人信息） <input name="title" value="{{title}}"></label>
<label>受理途径 <select name="intake">{{#intakes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/intakes}}</select></label>
<fieldset><legend>标记</legend>
<label class="check"><input type="checkbox" name="repeated" value="1"{{#flag_repeated}} checked{{/flag_repeated}}> 重复信访</label>
<label class="check"><input type="checkbox" name="skip_level" value="1"{{#flag_skip_level}} checked{{/flag_skip_level}}> 越级</label>
<label class="check"><input type="checkbox" name="contact_unknown" value="1"{{#flag_contact_unknown}} checked{{/flag_contact_unknown}}> 信访人姓名或住址不清</label>
</fieldset>
<fieldset><legend>信访人信息（可不填；仅管理员和本单位经办人可查看，每次查看记入审计日志）</legend>
<label>姓名 <input name="petitioner_name" value="{{petitioner_name}}" autocomplete="off"></label>
<label>身份证号 <input name="petitioner_id" value="{{petitioner_id}}" autocomplete="off"></label>
<label>电话 <input name="petitioner_phone" value="{{petitioner_phone}}" autocomplete="off"></label>
<label>地址 <input name="petitioner_address" value="{{petitioner_address}}" autocomplete="off"></label>
</fieldset>
<button type="submit">登记</button> <a href="/">取消</a>
</form>
</section>
"""#

/// 记录事件: the type (Chinese names), the day, the type's own fields, a note; links switch the
/// type without JavaScript. A refusal shows the rule and its article, and keeps what was typed.
let eventFormTemplate = #"""
<section class="card">
<h1>记录事件 · <a href="/cases/{{number}}">{{number}}</a></h1>
{{#error}}<p class="error" role="alert">{{error}}{{#rule}}（依据：<span class="rule">{{rule}}</span>）{{/rule}}</p>{{/error}}
<p class="muted">事件类型：{{#types}}<a href="/cases/{{number}}/events/new?type={{key}}"{{#selected}} aria-current="true"{{/selected}}>{{name}}</a> {{/types}}</p>
<form id="event-form" class="form" method="post" action="/cases/{{number}}/events">
<input type="hidden" name="csrf" value="{{csrf}}">
<label>事件类型 <select name="type">{{#types}}<option value="{{key}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/types}}</select></label>
<label>日期 <input name="day" value="{{day}}" required placeholder="YYYY-MM-DD"></label>
{{#fields}}
{{#hasRatings}}<label>{{label}} <select name="{{key}}"><option value="">请选择</option>{{#ratings}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/ratings}}</select></label>{{/hasRatings}}
{{^hasRatings}}<label>{{label}} <input name="{{key}}" value="{{value}}"{{#required}} required{{/required}}{{#hint}} placeholder="{{hint}}"{{/hint}}></label>{{/hasRatings}}
{{/fields}}
<label>备注 <input name="note" value="{{note}}"></label>
<button type="submit">记录{{typeName}}</button> <a href="/cases/{{number}}">取消</a>
</form>
</section>
"""#
