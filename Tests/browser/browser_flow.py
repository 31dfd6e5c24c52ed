"""The browser flow of the web interface, driven in a real headless Chromium (Debian's chromium and
chromium-driver) through Selenium 4: a unit's clerk logs in, sees the case on the 工作台, records
受理 through the form, sees the light and the due day change, grants an extension, reads it in the
case page's explanation, logs out; then the leader acknowledges a reminder from the mail's 签收 link
without logging in, and a second visit says it was acknowledged already; the admin opens 督办, 通报
and 管理. Screenshots at 1280 px of the dashboard, the case page, a refused 登记案件, the leader's
我的, the 签收 page, 督办, 通报 and 管理 (账号), and of the dashboard at phone width (390 px).

Usage: browser_flow.py SCENARIO.json — the scenario (written by the Swift test, BrowserFlowTests)
names the site, the accounts, the case, the expected dates (worked out by hand in the test), the
签收 link and the folder for the screenshots. Prints one JSON object of what it saw; exits non-zero
(with the reason on stderr) at the first expectation that does not hold. A missing Selenium,
chromium or chromedriver is a failure (exit 3), never a skip.
"""
import base64
import json
import os
import sys
import time


def fail(message, code=1):
    sys.stderr.write("browser_flow: " + message + "\n")
    sys.exit(code)


try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError as error:
    fail("Python Selenium is not installed (pip install selenium==4.27.1): %s" % error, 3)

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


class Expectation(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Expectation(message)


def main():
    scenario = json.load(open(sys.argv[1], encoding="utf-8"))
    for program in (CHROMIUM, CHROMEDRIVER):
        if not os.access(program, os.X_OK):
            fail("%s is missing (apt-get install chromium chromium-driver)" % program, 3)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--lang=zh-CN", "--hide-scrollbars"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    seen = {"steps": []}
    try:
        run(driver, scenario, seen)
    except Expectation as error:
        shot = os.path.join(scenario["screenshots"], "failure.png")
        try:
            driver.save_screenshot(shot)
        except Exception:
            pass
        sys.stderr.write("at %s: %s\n" % (driver.current_url, driver.page_source[:4000]))
        print(json.dumps(seen, ensure_ascii=False))
        fail("%s (after steps %s)" % (error, seen["steps"]))
    finally:
        driver.quit()
    print(json.dumps(seen, ensure_ascii=False))


def row(driver, number):
    rows = driver.find_elements(By.CSS_SELECTOR, '#cases tr[data-case="%s"]' % number)
    expect(len(rows) == 1, "the dashboard lists %s once (found %d rows)" % (number, len(rows)))
    light = rows[0].find_element(By.CSS_SELECTOR, "td.light")
    due = rows[0].find_element(By.CSS_SELECTOR, "td.due")
    classes = light.get_attribute("class").split()
    return {"light": [c for c in classes if c.startswith("light-")], "light_text": light.text.strip(), "due": due.text.strip()}


def dashboard_row_until(driver, base, number, due, seconds=20):
    """The case's row once its due day is `due`: the daemon recomputes a changed case within moments
    of the nudge, and the dashboard shows what the store holds; reload until then (or give up)."""
    deadline = time.time() + seconds
    while True:
        driver.get(base + "/")
        found = row(driver, number)
        if found["due"] == due or time.time() > deadline:
            return found
        time.sleep(0.5)


def deadline_text(driver, base, number, kind):
    """The text of the case page's deadline section of `kind` (its explanation)."""
    driver.get(base + "/cases/" + number)
    sections = driver.find_elements(By.CSS_SELECTOR, '#deadlines section.deadline[data-kind="%s"]' % kind)
    expect(len(sections) == 1, "the case page has one %s deadline section (has %d)" % (kind, len(sections)))
    return sections[0].text


def screenshot(driver, scenario, name, seen, max_height=4000):
    """The whole page (up to `max_height` px high) at the window's width, through the DevTools protocol."""
    path = os.path.join(scenario["screenshots"], name)
    width, height = driver.execute_script(
        "return [window.innerWidth, Math.min(document.documentElement.scrollHeight, arguments[0])]", max_height)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    with open(path, "wb") as out:
        out.write(base64.b64decode(shot["data"]))
    seen.setdefault("screenshots", []).append(path)


def submit(form):
    """Submits the form and waits until the browser has left the page (every form here is a plain
    POST or GET that loads a new document): a click alone returns before the answer has loaded, and
    the next look could read the old page (seen on a loaded machine)."""
    buttons = form.find_elements(By.CSS_SELECTOR, 'button[type="submit"], input[type="submit"], button:not([type])')
    expect(buttons, "the form has a submit button")
    click_and_wait(form.parent, buttons[0])


def click_and_wait(driver, button):
    """Clicks a submit button and waits until a new document has loaded. The old document is
    marked; the wait ends once a loaded document without the mark is shown. (Selenium's
    staleness_of asks the old element, and Chromium may answer "Node … does not belong to the
    document" mid-navigation: an error, not staleness.)"""
    driver.execute_script("window.__xinfangOldPage = true")
    button.click()
    WebDriverWait(driver, 20, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return !window.__xinfangOldPage && document.readyState === 'complete'"))


def fill(form, name, value):
    fields = form.find_elements(By.NAME, name)
    expect(fields, "the form has a field %s" % name)
    field = fields[0]
    if field.tag_name == "select":
        select = Select(field)
        for option in select.options:
            if option.get_attribute("value") == value or option.text.strip() == value:
                select.select_by_value(option.get_attribute("value"))
                return
        raise Expectation("the select %s has no option %s (has %s)" % (name, value, [o.text for o in select.options]))
    if field.get_attribute("type") == "date":
        # A date input takes keystrokes in the locale's order; set the ISO value as a user's picker would.
        field.parent.execute_script("arguments[0].value = arguments[1]", field, value)
        return
    field.clear()
    field.send_keys(value)


def record_event(driver, scenario, event_type, fields):
    case = scenario["case"]
    driver.get(scenario["base"] + "/cases/%s/events/new?type=%s" % (case, event_type))
    forms = driver.find_elements(By.ID, "event-form")
    expect(forms, "the event form #event-form is on /cases/%s/events/new" % case)
    form = forms[0]
    fill(form, "type", event_type)
    # Choosing the type may reload the form's fields; find it again.
    form = driver.find_element(By.ID, "event-form")
    for name, value in fields:
        fill(form, name, value)
    submit(form)
    errors = driver.find_elements(By.CSS_SELECTOR, ".error")
    expect(not [e for e in errors if e.text.strip()], "recording %s is accepted (page says: %s)" % (event_type, [e.text for e in errors]))


def login(driver, base, account):
    """Logs in through the login form; the dashboard follows."""
    driver.get(base + "/")
    expect("/login" in driver.current_url, "an anonymous visit to / goes to the login page (at %s)" % driver.current_url)
    driver.find_element(By.NAME, "name").send_keys(account["name"])
    driver.find_element(By.NAME, "password").send_keys(account["password"])
    submit(driver.find_element(By.CSS_SELECTOR, "form[action='/login']"))
    expect(driver.current_url.rstrip("/") == base, "after login %s is on the dashboard (at %s)" % (account["name"], driver.current_url))


def run(driver, s, seen):
    base, case = s["base"], s["case"]

    # 1. The clerk logs in (the login page asks; the dashboard follows).
    login(driver, base, s["clerk"])
    expect(driver.find_elements(By.ID, "cases"), "the dashboard has its case table #cases")
    seen["steps"].append("login")

    # 2. The dashboard shows the case, red, due on the D3 day; the other unit's case is not there.
    before = row(driver, case)
    seen["before"] = before
    expect(before["light"] == ["light-" + s["before"]["light"]], "before 受理 the light is %s (is %s)" % (s["before"]["light"], before))
    expect(before["due"] == s["before"]["due"], "before 受理 the due day is %s (is %s)" % (s["before"]["due"], before["due"]))
    expect(before["light_text"] == s["before"]["light_text"], "the light says %s (says %s)" % (s["before"]["light_text"], before["light_text"]))
    for hidden in s["not_listed"]:
        expect(not driver.find_elements(By.CSS_SELECTOR, '#cases tr[data-case="%s"]' % hidden), "%s (another unit's) is not listed" % hidden)
    order = [r.get_attribute("data-case") for r in driver.find_elements(By.CSS_SELECTOR, "#cases tr[data-case]")]
    seen["order_before"] = order
    expect(order == s["order_before"], "the cases are sorted by urgency %s (are %s)" % (s["order_before"], order))
    counts = {k: driver.find_element(By.ID, k).text.strip() for k in ("count-open", "count-due-soon", "count-overdue")}
    seen["counts_before"] = counts
    for k, v in s["counts_before"].items():
        expect(v == counts[k], "#%s shows %s (shows %s)" % (k, v, counts[k]))
    # Screenshots of the dashboard with all three lights: at 1280 px, and at phone width (390 px),
    # where nothing may scroll sideways.
    screenshot(driver, s, "dashboard-desktop.png", seen)
    driver.set_window_size(390, 844)
    driver.get(base + "/")
    widths = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    seen["phone_widths"] = widths
    screenshot(driver, s, "dashboard-phone.png", seen)
    expect(widths[0] <= widths[1], "at phone width the dashboard does not scroll sideways (scrollWidth %d > innerWidth %d)" % tuple(widths))
    driver.set_window_size(1280, 900)
    seen["steps"].append("dashboard")

    # 3. 受理 through the form; the light turns and the due day moves to the D6 day.
    record_event(driver, s, "accepted", [("day", s["accepted_on"])])
    seen["steps"].append("accepted")
    after = dashboard_row_until(driver, base, case, s["after_accepted"]["due"])
    seen["after_accepted"] = after
    expect(after["light"] == ["light-" + s["after_accepted"]["light"]], "after 受理 the light is %s (is %s)" % (s["after_accepted"]["light"], after))
    expect(after["due"] == s["after_accepted"]["due"], "after 受理 the due day is %s (is %s)" % (s["after_accepted"]["due"], after["due"]))
    seen["steps"].append("dashboard changed")
    text = deadline_text(driver, base, case, s["after_accepted"]["kind"])
    seen["explanation_accepted"] = text
    for phrase in s["after_accepted"]["explanation_has"]:
        expect(phrase in text, "after 受理 the %s explanation mentions %r: %s" % (s["after_accepted"]["kind"], phrase, text))

    # 4. An extension through the form; the case page's D6 explanation shows it and the new due day.
    record_event(driver, s, "extension", [("day", s["extension"]["day"]), ("days", s["extension"]["days"]),
                                          ("approver", s["extension"]["approver"]), ("reason", s["extension"]["reason"])])
    seen["steps"].append("extension")
    extended = dashboard_row_until(driver, base, case, s["extension"]["due"])
    seen["after_extension"] = extended
    expect(extended["due"] == s["extension"]["due"], "after the extension the dashboard's due day is %s (is %s)" % (s["extension"]["due"], extended["due"]))

    text = deadline_text(driver, base, case, s["extension"]["kind"])
    seen["explanation"] = text
    for phrase in s["extension"]["explanation_has"]:
        expect(phrase in text, "the %s explanation mentions %r: %s" % (s["extension"]["kind"], phrase, text))
    for id in ("facts", "timeline", "deadlines", "reminders"):
        expect(driver.find_elements(By.ID, id), "the case page has #%s" % id)
    screenshot(driver, s, "case-desktop.png", seen)

    seen["steps"].append("case page")

    # 4b. 登记案件 with a day that does not exist: refused with its message, what was typed kept.
    refused = s["case_form_refused"]
    driver.get(base + "/cases/new")
    form = driver.find_element(By.ID, "case-form")
    for name, value in refused["fields"]:
        fill(form, name, value)
    submit(form)
    errors = [e.text.strip() for e in driver.find_elements(By.CSS_SELECTOR, ".error") if e.text.strip()]
    seen["case_form_refused"] = errors
    expect(errors and refused["message_has"] in errors[0], "the refused 登记案件 says %r (says %s)" % (refused["message_has"], errors))
    kept = driver.find_element(By.CSS_SELECTOR, '#case-form input[name="number"]').get_attribute("value")
    expect(kept == dict(refused["fields"])["number"], "the refused form keeps the typed case number (has %r)" % kept)
    screenshot(driver, s, "case-form-desktop.png", seen)
    seen["steps"].append("case form refused")

    # 5. Log out: the nav's 退出 button; the dashboard then asks for a login again.
    submit(driver.find_element(By.CSS_SELECTOR, "form.logout"))
    expect("/login" in driver.current_url, "after 退出 the browser is on the login page (at %s)" % driver.current_url)
    driver.get(base + "/")
    expect("/login" in driver.current_url, "after 退出 the dashboard asks for a login (at %s)" % driver.current_url)
    seen["steps"].append("logout")

    # 5b. The leader's 我的: the reminder waiting for 签收, own cases, reception days, deputies.
    login(driver, base, s["leader"])
    driver.get(base + "/me")
    pending = driver.find_elements(By.CSS_SELECTOR, "#pending-reminders tr[data-reminder]")
    expect(pending, "我的 lists the reminders waiting for 签收 (#pending-reminders)")
    screenshot(driver, s, "me-desktop.png", seen)
    submit(driver.find_element(By.CSS_SELECTOR, "form.logout"))
    seen["steps"].append("leader page")

    # 6. The leader opens the 签收 link from the mail (no login), clicks 签收, reads 已签收; again: already.
    driver.delete_all_cookies()
    driver.get(s["ack_link"])
    body = driver.find_element(By.TAG_NAME, "body").text
    expect(s["ack_case"] in body, "the 签收 page names the case %s: %s" % (s["ack_case"], body))
    screenshot(driver, s, "ack-desktop.png", seen)
    buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, "form button, form input[type=submit]") if "签收" in (b.text or b.get_attribute("value") or "")]
    expect(buttons, "the 签收 page has a 签收 button")
    click_and_wait(driver, buttons[0])
    done = driver.find_elements(By.ID, "ack-done")
    expect(done and "已签收" in done[0].text, "after the click the page says 已签收 (#ack-done): %s" % driver.find_element(By.TAG_NAME, "body").text)
    seen["ack_done"] = done[0].text
    seen["steps"].append("acknowledged")
    driver.get(s["ack_link"])
    already = driver.find_elements(By.ID, "ack-already")
    expect(already and "已于" in already[0].text, "a second visit says 已于…签收 (#ack-already): %s" % driver.find_element(By.TAG_NAME, "body").text)
    expect(not [b for b in driver.find_elements(By.CSS_SELECTOR, "form button") if "签收" in b.text], "a second visit offers no 签收 button")
    seen["ack_already"] = already[0].text
    seen["steps"].append("already acknowledged")

    # 7. The bureau's pages, as the admin: 督办 (an order issued by its form), 通报, 管理 (the accounts).
    login(driver, base, s["admin"])
    order = s["supervision_order"]
    driver.get(base + "/supervision")
    form = driver.find_element(By.ID, "supervision-form")
    for name, value in order["fields"]:
        fill(form, name, value)
    submit(form)
    orders = driver.find_elements(By.CSS_SELECTOR, "#orders tbody tr")
    expect(orders and order["id"] in orders[0].text, "督办 lists the order just issued %s (lists %s)" % (order["id"], [o.text for o in orders]))
    seen["steps"].append("order issued")
    # The bulletin's first screen: the period form and the 合计 section (the units' sections repeat it).
    for path, element, name, height in (("/supervision", "orders", "supervision-desktop.png", 4000),
                                        ("/bulletin", "h1", "bulletin-desktop.png", 1200),
                                        ("/admin/users", "users", "admin-desktop.png", 4000)):
        driver.get(base + path)
        found = driver.find_elements(By.TAG_NAME, element) if element == "h1" else driver.find_elements(By.ID, element)
        expect(found, "%s shows its page (%s)" % (path, element))
        screenshot(driver, s, name, seen, height)
    seen["steps"].append("admin pages")


if __name__ == "__main__":
    main()
