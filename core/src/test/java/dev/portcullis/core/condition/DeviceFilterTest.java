package dev.portcullis.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.SignIn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceFilterTest {

    private static final DeviceState.Known COMPANY_LAPTOP = new DeviceState.Known(
            "dev-1", true, true, "Company", "AzureAD", Optional.of(DevicePlatform.WINDOWS));
    private static final DeviceState.Known PERSONAL_PHONE = new DeviceState.Known(
            "dev-2", false, false, "Personal", "Workplace", Optional.of(DevicePlatform.ANDROID));
    private static final DeviceState.Known BARE = new DeviceState.Known(
            "dev-3", false, true, null, null, Optional.empty());

    private static DeviceFilter filter(String rule) {
        DeviceFilter.Parsed parsed = DeviceFilter.parse(rule);
        assertThat(parsed).as(rule).isInstanceOf(DeviceFilter.Parsed.Ok.class);
        return ((DeviceFilter.Parsed.Ok) parsed).filter();
    }

    private static String error(String rule) {
        DeviceFilter.Parsed parsed = DeviceFilter.parse(rule);
        assertThat(parsed).as(rule).isInstanceOf(DeviceFilter.Parsed.Invalid.class);
        return ((DeviceFilter.Parsed.Invalid) parsed).message();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "device.isCompliant -eq True                                     | true  | false",
        "device.isCompliant -eq false                                    | false | true",
        "device.isCompliant -ne True                                     | false | true",
        "device.isManaged -eq True                                       | true  | false",
        "device.deviceOwnership -eq \"Company\"                          | true  | false",
        "device.deviceOwnership -eq 'company'                            | true  | false",
        "device.trustType -in [\"AzureAD\", \"ServerAD\"]                | true  | false",
        "device.trustType -notIn [\"AzureAD\", \"ServerAD\"]             | false | true",
        "device.operatingSystem -eq \"Windows\"                          | true  | false",
        "device.operatingSystem -in ['android','iOS']                    | false | true",
        "device.deviceId -eq 'dev-2'                                     | false | true",
        "device.isCompliant -eq True -and device.deviceOwnership -eq 'Company' | true | false",
        "device.isCompliant -eq True -or device.deviceOwnership -eq 'Personal' | true | true",
        "device.isCompliant -EQ TRUE -AND device.isManaged -Eq True       | true  | false",
        "device.deviceOwnership -eq \"Company Owned\" -or device.isManaged -eq False | false | true"})
    void matchesAsEntraDoes(String rule, boolean companyLaptop, boolean personalPhone) {
        DeviceFilter filter = filter(rule);

        assertThat(filter.matches(COMPANY_LAPTOP)).as("company laptop").isEqualTo(companyLaptop);
        assertThat(filter.matches(PERSONAL_PHONE)).as("personal phone").isEqualTo(personalPhone);
    }

    @Test
    void andBindsTighterThanOr() {
        DeviceFilter filter = filter(
                "device.isCompliant -eq True -or device.isManaged -eq True -and device.deviceOwnership -eq 'Personal'");

        assertThat(filter).isInstanceOf(DeviceFilter.AnyOf.class);
        assertThat(filter.matches(COMPANY_LAPTOP)).isTrue();
        assertThat(filter.matches(BARE)).isFalse(); // managed, but ownership is not Personal
    }

    @Test
    void parenthesesGroup() {
        DeviceFilter filter = filter(
                "(device.isCompliant -eq True -or device.isManaged -eq True) -and device.deviceOwnership -eq 'Company'");

        assertThat(filter).isInstanceOf(DeviceFilter.AllOf.class);
        assertThat(filter.matches(COMPANY_LAPTOP)).isTrue();
        assertThat(filter.matches(BARE)).isFalse();
        assertThat(filter.matches(PERSONAL_PHONE)).isFalse();
    }

    @Test
    void parenthesesAroundASingleComparisonAndNested() {
        assertThat(filter("(device.isCompliant -eq True)").matches(COMPANY_LAPTOP)).isTrue();
        assertThat(filter("((device.isCompliant -eq True))").matches(PERSONAL_PHONE)).isFalse();
        assertThat(filter("device.isManaged -eq True -and (device.trustType -in ['AzureAD'])").matches(COMPANY_LAPTOP))
                .isTrue();
    }

    @Test
    void missingPropertiesCompareAsEmpty() {
        assertThat(filter("device.deviceOwnership -eq 'Company'").matches(BARE)).isFalse();
        assertThat(filter("device.deviceOwnership -ne 'Company'").matches(BARE)).isTrue();
        assertThat(filter("device.operatingSystem -notIn ['windows']").matches(BARE)).isTrue();
    }

    @Test
    void quotedValuesKeepSpacesAndDelimiters() {
        DeviceState.Known odd = new DeviceState.Known("a, b (c)", false, false, "Company", "x", Optional.empty());

        assertThat(filter("device.deviceId -eq 'a, b (c)'").matches(odd)).isTrue();
        assertThat(filter("device.deviceId -in [\"a, b (c)\", 'z']").matches(odd)).isTrue();
    }

    @Test
    void errorsSayWhereAndWhat() {
        assertThat(error(null)).isEqualTo("the device filter rule is empty");
        assertThat(error("   ")).isEqualTo("the device filter rule is empty");
        assertThat(error("isCompliant -eq True")).contains("at character").contains("device.isCompliant expected");
        assertThat(error("device.color -eq 'red'")).contains("unsupported device property 'color'");
        assertThat(error("device.isCompliant -gt True")).contains("unsupported operator '-gt'");
        assertThat(error("device.isCompliant -match True")).contains("unsupported operator '-match'");
        assertThat(error("device.isCompliant -eq yes")).contains("a quoted string, True or False expected, found 'yes'");
        assertThat(error("device.deviceId -eq 'abc")).contains("unterminated string");
        assertThat(error("device.trustType -in 'AzureAD'")).contains("'[' expected");
        assertThat(error("device.trustType -in ['a' 'b']")).contains("',' or ']' expected");
        assertThat(error("device.trustType -in ['a',")).contains("unexpected end of rule");
        assertThat(error("(device.isCompliant -eq True")).contains("')' expected");
        assertThat(error("device.isCompliant -eq True)")).contains("unexpected ')'");
        assertThat(error("device.isCompliant -eq True -and")).contains("unexpected end of rule");
        assertThat(error("device.isCompliant -eq True device.isManaged -eq True")).contains("unexpected 'device.isManaged");
        assertThat(error("device.isCompliant")).contains("unexpected end of rule");
        assertThat(error("device.isCompliant -eq True -xor device.isManaged -eq True")).contains("unexpected '-xor");
    }

    private static final DeviceState.Known PAW = new DeviceState.Known("paw-7", true, true, "Company", "AzureAD",
            Optional.of(DevicePlatform.WINDOWS), Map.of("displayName", List.of("PAW-Finance-07"),
                    "manufacturer", List.of("Microsoft Corporation"), "model", List.of("Surface Laptop 5"),
                    "operatingSystemVersion", List.of("10.0.22631"), "enrollmentProfileName", List.of("Autopilot PAW"),
                    "extensionAttribute1", List.of("PAW"), "profileType", List.of("RegisteredDevice"),
                    "systemLabels", List.of("M365Managed"), "physicalIds", List.of("[ZTDId]:abc", "[OrderId]:x")));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "device.displayName -startsWith 'paw-'                            | true",
        "device.displayName -notStartsWith 'PAW-'                         | false",
        "device.displayName -endsWith '-07'                               | true",
        "device.displayName -notEndsWith '-07'                            | false",
        "device.displayName -contains 'finance'                           | true",
        "device.displayName -notContains 'finance'                        | false",
        "device.manufacturer -eq 'Microsoft Corporation'                  | true",
        "device.model -notContains 'Surface'                              | false",
        "device.operatingSystemVersion -in ['10.0.22000', '10.0.22631']   | true",
        "device.enrollmentProfileName -eq 'Autopilot PAW'                 | true",
        "device.extensionAttribute1 -eq 'PAW'                             | true",
        "device.extensionAttribute2 -eq 'PAW'                             | false",
        "device.extensionAttribute2 -ne 'PAW'                             | true",
        "device.profileType -notIn ['Printer', 'Shared', 'IoT']           | true",
        "device.systemLabels -contains 'M365Managed'                      | true",
        "device.systemLabels -contains 'M365'                             | false",
        "device.physicalIds -contains '[ZTDId]:abc'                       | true",
        "device.devicePhysicalIds -notContains '[ZTDId]:abc'              | false",
        "device.DeviceId -eq 'PAW-7'                                      | true"})
    void everyPropertyAndOperatorOfEntrasFilterReadsTheInventory(String rule, boolean matches) {
        assertThat(filter(rule).matches(PAW)).as(rule).isEqualTo(matches);
    }

    @Test
    void eachPropertyTakesOnlyTheOperatorsEntraAllowsForIt() {
        assertThat(error("device.isCompliant -contains 'T'")).contains("device.isCompliant does not take -contains");
        assertThat(error("device.systemLabels -eq 'M365Managed'")).contains("it takes -contains, -notContains");
        assertThat(error("device.deviceId -startsWith 'a'")).contains("device.deviceId does not take -startsWith");
        assertThat(error("device.extensionAttribute16 -eq 'x'")).contains("unsupported device property");
    }

    @Test
    void errorPositionsAreOneBased() {
        assertThat(error("device.color -eq 'red'")).startsWith("device filter, at character 13:");
    }

    @Test
    void devicesConditionRefusesAnInvalidRuleAndFailsSecureOnUnknownDevices() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DevicesCondition.of(DevicesCondition.Mode.INCLUDE, "device.color -eq 'red'"))
                .withMessageContaining("color");

        DevicesCondition include = DevicesCondition.of(DevicesCondition.Mode.INCLUDE, "device.isCompliant -eq True");
        DevicesCondition exclude = DevicesCondition.of(DevicesCondition.Mode.EXCLUDE, "device.isCompliant -eq True");
        SignIn unknown = SignIn.builder("u", Instant.EPOCH).build();
        SignIn laptop = SignIn.builder("u", Instant.EPOCH).device(COMPANY_LAPTOP).build();
        SignIn phone = SignIn.builder("u", Instant.EPOCH).device(PERSONAL_PHONE).build();

        assertThat(include.evaluate(unknown, Map.of()).matched()).isTrue();
        assertThat(exclude.evaluate(unknown, Map.of()).matched()).isTrue();
        assertThat(exclude.evaluate(unknown, Map.of()).reason()).contains("fail secure");
        assertThat(include.evaluate(laptop, Map.of()).matched()).isTrue();
        assertThat(include.evaluate(phone, Map.of()).matched()).isFalse();
        assertThat(exclude.evaluate(laptop, Map.of()).matched()).isFalse();
        assertThat(exclude.evaluate(phone, Map.of()).matched()).isTrue();
        assertThat(List.of(include.name(), exclude.rule())).containsExactly("devices", "device.isCompliant -eq True");
    }
}
