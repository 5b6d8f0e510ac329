<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("portcullisPushTitle")}
    <#elseif section = "form">
        <form id="portcullis-push-form" action="${url.loginAction}" method="post">
            <#if portcullisPushWaiting>
                <p id="portcullis-push-instructions">${msg("portcullisPushInstructions")}</p>
                <p id="portcullis-push-number" style="font-size:3.5rem;font-weight:700;text-align:center;letter-spacing:0.2em;margin:1rem 0;">${portcullisPushNumber}</p>
                <p id="portcullis-push-state" aria-live="polite">${msg("portcullisPushWaiting")}</p>
                <input type="hidden" name="portcullis-push" value="check"/>
                <script>
                    (function () {
                        var url = "${portcullisPushStatusUrl?no_esc}";
                        var expiresAt = ${portcullisPushExpiresAt?c};
                        var form = document.getElementById("portcullis-push-form");
                        function ask() {
                            var wait = Math.max(0, Math.min(20, Math.ceil((expiresAt - Date.now()) / 1000)));
                            fetch(url + "?wait=" + wait, {cache: "no-store", credentials: "omit"})
                                .then(function (r) { return r.ok ? r.json() : {status: "pending"}; })
                                .then(function (s) {
                                    if (s.status !== "pending" || Date.now() > expiresAt + 1000) { form.submit(); } else { ask(); }
                                })
                                .catch(function () { setTimeout(ask, 1000); });
                        }
                        ask();
                    })();
                </script>
            <#else>
                <p id="portcullis-push-ended">${msg("portcullisPushEnded")}</p>
                <div id="kc-form-buttons">
                    <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                           type="submit" name="resend" id="portcullis-push-resend" value="${msg("portcullisPushResend")}"/>
                </div>
            </#if>
        </form>
    </#if>
</@layout.registrationLayout>
