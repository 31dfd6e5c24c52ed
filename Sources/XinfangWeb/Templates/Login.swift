/// The login form: the typed name is kept after a refusal, never the password.
let loginTemplate = #"""
<section class="card narrow">
<h1>登录</h1>
{{#refusal}}<p class="alert" role="alert">{{refusal}}</p>{{/refusal}}
<form method="post" action="/login">
<input type="hidden" name="csrf" value="{{loginCSRF}}">
<input type="hidden" name="next" value="{{next}}">
<label for="name">用户名</label>
<input id="name" name="name" value="{{name}}" autocomplete="username" required autofocus>
<label for="password">密码</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">登录</button>
</form>
</section>
"""#
