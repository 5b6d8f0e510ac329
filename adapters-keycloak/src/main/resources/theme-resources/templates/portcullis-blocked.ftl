<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("portcullisBlockedTitle")}
    <#elseif section = "form">
        <div id="portcullis-blocked" class="${properties.kcAlertClass!} pf-m-danger" role="alert">
            <div class="${properties.kcAlertIconClass!}"><span class="${properties.kcFeedbackErrorIcon!}"></span></div>
            <span class="${properties.kcAlertTitleClass!} kc-feedback-text">${msg("portcullisBlockedSummary")}</span>
        </div>
        <p>${msg("portcullisBlockedHelp")}</p>
        <ul id="portcullis-block-details">
            <li>${msg("portcullisBlockedApplication")} <span id="portcullis-application">${portcullisApplication}</span></li>
            <li>${msg("portcullisBlockedRequestId")} <span id="portcullis-request-id">${portcullisRequestId}</span></li>
            <li>${msg("portcullisBlockedCorrelationId")} <span id="portcullis-correlation-id">${portcullisCorrelationId}</span></li>
            <li>${msg("portcullisBlockedTime")} <time id="portcullis-time" datetime="${portcullisTime}">${portcullisTime}</time></li>
        </ul>
    </#if>
</@layout.registrationLayout>
