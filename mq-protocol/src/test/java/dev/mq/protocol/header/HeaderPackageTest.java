package dev.mq.protocol.header;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

import dev.mq.protocol.RemotingCommand;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rules for the package as a whole: every header is a tested CommandHeader, and none uses the get* accessors. */
class HeaderPackageTest {

    /** The get* spellings of RemotingCommand's accessors are about to be removed. */
    static final ArchRule NO_GET_ACCESSORS = ArchRuleDefinition.noClasses()
            .that().resideInAPackage("dev.mq.protocol.header..")
            .should().callMethodWhere(DescribedPredicate.describe("a get* accessor of RemotingCommand",
                    (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(RemotingCommand.class)
                            && call.getName().startsWith("get")))
            .because("only code(), remark(), body() and extFields() will remain");

    private static JavaClasses production;

    @BeforeAll
    static void importProduction() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mq.protocol.header");
    }

    private static Set<Class<?>> headerRecords() {
        return production.stream().map(JavaClass::reflect).filter(Class::isRecord).collect(Collectors.toSet());
    }

    @Test
    void everyRecordIsACommandHeaderWithAStaticReadOfItsOwnType() throws Exception {
        assertThat(headerRecords()).hasSizeGreaterThan(20).contains(PullMessageHeader.class, SendMessageHeader.class);
        for (Class<?> header : headerRecords()) {
            assertThat(CommandHeader.class).as(header.getSimpleName()).isAssignableFrom(header);
            Method read = header.getMethod("read", RemotingCommand.class);
            assertThat(Modifier.isStatic(read.getModifiers())).as(header.getSimpleName()).isTrue();
            assertThat(read.getReturnType()).isEqualTo(header);
        }
    }

    @Test
    void everyHeaderRecordHasAContractCase() {
        Set<Class<?>> covered = HeaderCases.all().stream().map(c -> c.full().getClass()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(headerRecords());
    }

    @Test
    void headersUseNoGetAccessorOfRemotingCommand() {
        NO_GET_ACCESSORS.check(production);
    }

    @Test
    void theAccessorRuleCatchesAGetCall() {
        JavaClasses fixture = new ClassFileImporter().importClasses(UsesGetCode.class);
        assertThat(NO_GET_ACCESSORS.evaluate(fixture).hasViolation()).isTrue();
    }

    /**
     * Breaks {@link #NO_GET_ACCESSORS} on purpose, so the rule is seen to bite. Once the get*
     * accessors are removed the compiler enforces the rule: delete the rule and this fixture then.
     */
    static final class UsesGetCode {
        int code(RemotingCommand command) {
            return command.getCode();
        }
    }
}
