<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("portcullisTapTitle")}
    <#elseif section = "form">
        <form id="portcullis-tap-form" action="${url.loginAction}" method="post">
            <p id="portcullis-tap-instructions">${msg("portcullisTapInstructions")}</p>
            <div class="${properties.kcFormGroupClass!}">
                <label for="temporaryAccessPass" class="${properties.kcLabelClass!}">${msg("portcullisTapLabel")}</label>
                <input id="temporaryAccessPass" name="temporaryAccessPass" type="password" autocomplete="off" autofocus
                       class="${properties.kcInputClass!}"/>
            </div>
            <div id="kc-form-buttons">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       type="submit" id="portcullis-tap-submit" value="${msg("doSubmit")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
