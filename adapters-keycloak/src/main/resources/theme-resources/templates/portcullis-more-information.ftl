<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("portcullisMoreInformationTitle")}
    <#elseif section = "form">
        <#if message?has_content && message.type = "error">
            <div id="portcullis-error" class="${properties.kcAlertClass!} pf-m-danger" role="alert">${kcSanitize(message.summary)?no_esc}</div>
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
