package dev.mq.protocol.header;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.mq.protocol.RemotingCommand;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rules for the package as a whole: every header is a tested CommandHeader. */
class HeaderPackageTest {

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

}
