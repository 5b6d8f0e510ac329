<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("portcullisPushEnrolTitle")}
    <#elseif section = "form">
        <form id="portcullis-push-enrol-form" action="${url.loginAction}" method="post">
            <div id="portcullis-enrol-scan">
                <p>${msg("portcullisPushEnrolStep1", portcullisPushCompanionUrl)}</p>
                <p style="text-align:center"><img id="portcullis-push-qr" src="${portcullisPushQr}" alt="${msg("portcullisPushEnrolQrAlt")}" width="264" height="264" style="image-rendering:pixelated"/></p>
                <p>${msg("portcullisPushEnrolTypeCode")} <strong id="portcullis-push-code" style="font-family:monospace;font-size:1.2rem">${portcullisPushCode}</strong></p>
            </div>
            <div id="portcullis-enrol-test" hidden>
                <p>${msg("portcullisPushEnrolStep2")}</p>
                <p id="portcullis-enrol-number" style="font-size:3.5rem;font-weight:700;text-align:center;letter-spacing:0.2em;margin:1rem 0;"></p>
            </div>
            <p id="portcullis-enrol-state" aria-live="polite">${msg("portcullisPushEnrolWaiting")}</p>
            <input type="hidden" name="portcullis-push-enrol" value="check"/>
            <div id="kc-form-buttons">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}"
                       type="submit" name="restart" id="portcullis-push-restart" value="${msg("portcullisPushEnrolRestart")}"/>
            </div>
            <script>
                (function () {
                    var url = "${portcullisPushEnrolmentUrl?no_esc}";
                    var form = document.getElementById("portcullis-push-enrol-form");
                    var seen = "";
                    function show(s) {
                        if (s.state === "testing" && s.number) {
                            document.getElementById("portcullis-enrol-scan").hidden = true;
                            document.getElementById("portcullis-enrol-test").hidden = false;
                            document.getElementById("portcullis-enrol-number").textContent = s.number;
                            document.getElementById("portcullis-enrol-state").textContent = "${msg("portcullisPushEnrolTesting")?js_string}";
                        }
                    }
                    function ask() {
                        fetch(url + "?wait=20&state=" + encodeURIComponent(seen), {cache: "no-store", credentials: "omit"})
                            .then(function (r) { return r.json(); })
                            .then(function (s) {
                                seen = s.state + "/" + (s.number || "");
                                show(s);
                                if (s.state === "done" || s.state === "failed" || s.state === "expired") { form.submit(); } else { ask(); }
                            })
                            .catch(function () { setTimeout(ask, 1000); });
                    }
                    ask();
                })();
            </script>
        </form>
    </#if>
</@layout.registrationLayout>
