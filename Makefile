# gip: one plain Makefile (GNU make), no configure step.
# Every variable can be overridden on the command line.

PREFIX = /usr/local
BINPREFIX = $(PREFIX)/bin
MANPREFIX = $(PREFIX)/share/man
DESTDIR =

CC = cc
CFLAGS = -std=c11 -O2 -g -Wall -Wextra
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib
LDFLAGS =
PCRE2_CFLAGS = $(shell pkg-config --cflags libpcre2-8 2>/dev/null)
PCRE2_LIBS = $(shell pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8)
# iconv is in glibc; set ICONV_LIBS = -liconv where GNU libiconv is separate
ICONV_LIBS =
LIBS = $(PCRE2_LIBS) $(ICONV_LIBS) -lm
# gip-normalize alone reads DOCX: expat, and libzip loaded with dlopen
# when a DOCX comes (add -ldl to DOCX_LIBS on glibc before 2.34)
DOCX_CFLAGS = $(shell pkg-config --cflags libzip expat 2>/dev/null)
DOCX_LIBS = $(shell pkg-config --libs expat 2>/dev/null || echo -lexpat)

# O holds objects; BINDIR the tools (the sanitizer build uses its own)
O = build
BINDIR = bin

SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIBSRC = $(sort $(wildcard lib/*.c))
LIBOBJ = $(LIBSRC:%.c=$(O)/%.o)
# a tool is bin/gip-NAME.c plus its own bin/NAME_*.c files
TOOLSRC = $(sort $(wildcard bin/gip-*.c))
TOOLS = $(TOOLSRC:bin/%.c=%)
BIN = $(TOOLS:%=$(BINDIR)/%)
MAN = $(sort $(wildcard man/*.[17]))

all: $(BIN)

$(O)/lib/libgip.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(O)/lib/%.o: lib/%.c lib/gip.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PCRE2_CFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/bin/%.o: bin/%.c lib/gip.h $(wildcard bin/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/bin/normalize_docx.o: CPPFLAGS += $(DOCX_CFLAGS)
$(BINDIR)/gip-normalize: LIBS += $(DOCX_LIBS)

.SECONDEXPANSION:
$(BIN): $(BINDIR)/%: $(O)/bin/%.o $$(addprefix $(O)/,$$(addsuffix .o,$$(basename $$(wildcard bin/$$(subst gip-,,$$*)_*.c)))) $(O)/lib/libgip.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# Install what the build and the tests need on Debian 12 (run as root).
deps:
	@sh .ci/deps.sh

# The main job on the bundled examples: the whole pipeline.
demo: all
	@sh examples/run.sh

# drives lib/ from tests/lib.bats; not installed
$(O)/tests/libtest: tests/unit/libtest.c $(O)/lib/libgip.a lib/gip.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tests/unit/libtest.c $(O)/lib/libgip.a $(LIBS)

# synthetic reports with known values, for tests and benchmarks
$(O)/tests/gencorpus: tests/unit/gencorpus.c $(O)/lib/libgip.a lib/gip.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tests/unit/gencorpus.c $(O)/lib/libgip.a $(LIBS)

TESTPROGS = $(O)/tests/libtest $(O)/tests/gencorpus

test: all $(TESTPROGS)
	GIP_TESTPROGS=$(CURDIR)/$(O)/tests sh tests/run.sh

test-asan:
	$(MAKE) O=build/asan BINDIR=build/asan/bin CFLAGS="-std=c11 -O1 -g -Wall -Wextra $(SANFLAGS)" LDFLAGS="$(SANFLAGS)" all build/asan/tests/libtest build/asan/tests/gencorpus
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    GIP_SANITIZED=1 GIP_BIN=$(CURDIR)/build/asan/bin GIP_TESTPROGS=$(CURDIR)/build/asan/tests sh tests/run.sh

bench: all $(O)/tests/gencorpus
	@sh bench/run.sh

lint: $(MAN)
	@out=$$(mandoc -T lint -W warning $(MAN) 2>&1); \
	    if [ -n "$$out" ]; then echo "$$out"; exit 1; fi
	$(MAKE) O=build/lint BINDIR=build/lint/bin CFLAGS="-std=c11 -O2 -Wall -Wextra -Wpedantic -Wshadow -Wmissing-prototypes -Werror"

install: all
	mkdir -p $(DESTDIR)$(BINPREFIX) $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man7
	cp -f $(BIN) $(DESTDIR)$(BINPREFIX)/
	for m in $(MAN); do \
	    case $$m in *.1) cp -f $$m $(DESTDIR)$(MANPREFIX)/man1/ ;; \
	    *.7) cp -f $$m $(DESTDIR)$(MANPREFIX)/man7/ ;; esac; done

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINPREFIX)/$$t; done
	for m in $(MAN); do n=$${m#man/}; rm -f $(DESTDIR)$(MANPREFIX)/man1/$$n $(DESTDIR)$(MANPREFIX)/man7/$$n; done

clean:
	rm -rf build $(BIN)

fuzz:
	sh tests/fuzz/run.sh

.PHONY: all deps demo test test-asan bench fuzz lint install uninstall clean
