/// The one layout: Chinese, phone-friendly, no JavaScript. The nav and the logout form appear only
/// for a logged-in user; 管理 only for an admin.
let layoutTemplate = #"""
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{pageTitle}} · 信访期限</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header class="top">
<a class="brand" href="/">信访期限</a>
{{#user}}
<nav>
<a href="/">工作台</a>
<a href="/me">我的</a>
<a href="/supervision">督办</a>
<a href="/bulletin">通报</a>
{{#isAdmin}}<a href="/admin">管理</a>{{/isAdmin}}
<form class="logout" method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">退出</button></form>
</nav>
<p class="who">{{name}} · {{role}}</p>
{{/user}}
</header>
<main>
{{{content}}}
</main>
</body>
</html>
"""#
