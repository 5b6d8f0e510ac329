package dev.portcullis.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.DirectoryIds;
import dev.portcullis.core.port.in.LookUpDirectory.Search;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DirectoryPort.DirectoryUser;
import dev.portcullis.core.port.out.DirectoryPort.Entry;
import dev.portcullis.core.port.out.DirectoryPort.Kind;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import dev.portcullis.core.port.out.InMemoryDirectory;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.UserIdentity;
import dev.portcullis.core.validation.ValidationProblem;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A picker's question: what it may ask ($search, $top), and that it gets ids back, never more than asked. */
class LookUpDirectoryServiceTest {

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final LookUpDirectoryService lookUp = new LookUpDirectoryService(directory);

    @Test
    void findsUsersAndGroupsByNameWithTheIdsAPolicyTakes() {
        for (String name : new String[] {"ivan.it", "ivana.ops", "anna.accountant"}) {
            directory.put(new DirectoryUser(new UserIdentity("id-" + name, Set.of(), Set.of(), false), name,
                    RegistrationState.nothing(), false));
        }
        directory.putGroup("g-1", "IT Department", "/IT Department").putGroup("g-2", "Finance", "/Finance");

        assertThat(lookUp.find(search(Kind.USERS, "IVAN", null))).extracting(Entry::id).containsExactly("id-ivan.it",
                "id-ivana.ops");
        assertThat(lookUp.find(search(Kind.USERS, "\"ivan\"", "1"))).extracting(Entry::id).containsExactly("id-ivan.it");
        assertThat(lookUp.find(search(Kind.GROUPS, "fin", null))).containsExactly(new Entry("g-2", "Finance", "/Finance"));
        assertThat(lookUp.find(search(Kind.GROUPS, null, null))).hasSize(2);
    }

    @Test
    void aTopOutOfRangeOrNotANumberAndATooLongTextAreRefusedByTheirNames() {
        assertThat(Search.of(Kind.USERS, null, "0").errors()).extracting(ValidationProblem::path).containsExactly("$top");
        assertThat(Search.of(Kind.USERS, null, "101").errors()).extracting(ValidationProblem::path).containsExactly("$top");
        assertThat(Search.of(Kind.USERS, null, "ten").errors()).extracting(ValidationProblem::path).containsExactly("$top");
        assertThat(Search.of(Kind.ROLES, "x".repeat(101), "100").errors()).extracting(ValidationProblem::path)
                .containsExactly("$search");
        assertThat(Search.of(Kind.ROLES, " admin ", null).value()).contains(new Search(Kind.ROLES, "admin", 25));
    }

    @Test
    void withoutADirectoryNobodyCanBeLookedUpAndItSaysSo() {
        assertThatThrownBy(() -> new LookUpDirectoryService(DirectoryPort.NONE).find(search(Kind.USERS, "ivan", null)))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("no directory is configured");
        directory.goDown();
        assertThatThrownBy(() -> lookUp.find(search(Kind.GROUPS, "it", null)))
                .isInstanceOf(DirectoryUnavailableException.class);
    }

    @Test
    void namesWhatAPolicyHoldsByIdAndLeavesOutWhatTheDirectoryDoesNotKnow() {
        directory.put(new DirectoryUser(new UserIdentity("id-ivan", Set.of(), Set.of(), false), "ivan.it",
                RegistrationState.nothing(), false));
        directory.putGroup("g-2", "Finance", "/Finance");

        assertThat(lookUp.resolve(ids(Kind.USERS, "id in ('id-gone', 'id-ivan')"))).extracting(Entry::id, Entry::displayName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id-ivan", "ivan.it"));
        assertThat(lookUp.resolve(ids(Kind.GROUPS, "id in ('/Finance','g-2')")))
                .containsExactly(new Entry("/Finance", "Finance", "/Finance"), new Entry("g-2", "Finance", "/Finance"));
        assertThat(lookUp.resolve(ids(Kind.GROUPS, "id eq 'g-2'"))).extracting(Entry::displayName).containsExactly("Finance");
        directory.goDown();
        assertThatThrownBy(() -> lookUp.resolve(ids(Kind.USERS, "id eq 'id-ivan'")))
                .isInstanceOf(DirectoryUnavailableException.class);
    }

    @Test
    void aFilterIsReadAsGraphWritesItAndAnythingElseIsAProblemNamingIt() {
        assertThat(DirectoryIds.of(Kind.USERS, "id in ( 'a' ,'O''Brien','a' )").value())
                .contains(new DirectoryIds(Kind.USERS, java.util.List.of("a", "O'Brien")));
        String fifteen = java.util.stream.IntStream.range(0, 15).mapToObj(i -> "'u" + i + "'")
                .collect(java.util.stream.Collectors.joining(","));
        assertThat(DirectoryIds.of(Kind.USERS, "id in (" + fifteen + ")").value()).map(i -> i.ids().size()).contains(15);
        assertThat(DirectoryIds.of(Kind.USERS, "id in (" + fifteen + ",'u15')").errors()).extracting(ValidationProblem::message)
                .containsExactly("at most 15 ids in one request: ask again for the rest");
        for (String bad : new String[] {null, "", "id in ()", "id in ('a',)", "id in ('a'", "id in (a)", "id in ('')",
                "name eq 'a'", "id eq 'a','b'", "id in ('a' 'b')", "id in ('a)"}) {
            assertThat(DirectoryIds.of(Kind.USERS, bad).errors()).as(bad).extracting(ValidationProblem::path)
                    .containsExactly("$filter");
        }
    }

    private static DirectoryIds ids(Kind kind, String filter) {
        Checked<DirectoryIds> checked = DirectoryIds.of(kind, filter);
        assertThat(checked.errors()).isEmpty();
        return checked.value().orElseThrow();
    }

    private static Search search(Kind kind, String text, String top) {
        Checked<Search> checked = Search.of(kind, text, top);
        assertThat(checked.errors()).isEmpty();
        return checked.value().orElseThrow();
    }
}
