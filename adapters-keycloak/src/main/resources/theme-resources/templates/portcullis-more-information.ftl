<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("portcullisMoreInformationTitle")}
    <#elseif section = "form">
        <#if message?has_content && message.type = "error">
            <div id="portcullis-error" class="${properties.kcAlertClass!} pf-m-danger" role="alert">
                <div class="${properties.kcAlertIconClass!}"><span class="${properties.kcFeedbackErrorIcon!}"></span></div>
                <span class="${properties.kcAlertTitleClass!} kc-feedback-text">${kcSanitize(message.summary)?no_esc}</span>
            </div>
        </#if>
        <p id="portcullis-more-information">${msg("portcullisMoreInformationIntro", portcullisStrengths?join(", "))}</p>
        <form id="portcullis-register-form" action="${url.loginAction}" method="post">
            <p>${msg("portcullisMoreInformationChoose")}</p>
            <#list portcullisOptions as option>
                <div>
                    <input type="radio" id="method-${option}" name="method" value="${option}" <#if option?index == 0>checked</#if>>
                    <label for="method-${option}">${msg("portcullisMethod_" + option)}</label>
                </div>
            </#list>
            <div id="kc-form-buttons">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       type="submit" id="portcullis-next" value="${msg("portcullisMoreInformationNext")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
