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
# each tool's sources, in its own folder bin/NAME/; the tool is bin/gip-NAME
NORMALIZE_SRC = \
	bin/normalize/gip-normalize.c \
	bin/normalize/normalize_conv.c \
	bin/normalize/normalize_decode.c \
	bin/normalize/normalize_detect.c \
	bin/normalize/normalize_docx.c \
	bin/normalize/normalize_html.c \
	bin/normalize/normalize_office.c \
	bin/normalize/normalize_t2s.c \
	bin/normalize/normalize_text.c
SECTIONS_SRC = \
	bin/sections/gip-sections.c \
	bin/sections/sections_meta.c \
	bin/sections/sections_out.c \
	bin/sections/sections_scan.c \
	bin/sections/sections_seq.c
TABLES_SRC = \
	bin/tables/gip-tables.c \
	bin/tables/tables_doc.c \
	bin/tables/tables_find.c \
	bin/tables/tables_glued.c \
	bin/tables/tables_lex.c \
	bin/tables/tables_narr.c \
	bin/tables/tables_out.c \
	bin/tables/tables_rows.c \
	bin/tables/tables_spec.c
CHECK_SRC = \
	bin/check/gip-check.c \
	bin/check/check_docs.c \
	bin/check/check_keys.c \
	bin/check/check_emit.c \
	bin/check/check_rules.c \
	bin/check/check_terms.c \
	bin/check/check_rule_year.c \
	bin/check/check_rule_complete.c \
	bin/check/check_rule_sums.c \
	bin/check/check_rule_narr.c \
	bin/check/check_continuity.c
STATS_SRC = \
	bin/stats/gip-stats.c \
	bin/stats/stats_agg.c \
	bin/stats/stats_conf.c \
	bin/stats/stats_num.c \
	bin/stats/stats_out.c \
	bin/stats/stats_state.c \
	bin/stats/stats_tab.c
TOOLS = gip-normalize gip-sections gip-tables gip-check gip-stats
BIN = $(TOOLS:%=$(BINDIR)/%)
NORMALIZE_OBJ = $(NORMALIZE_SRC:%.c=$(O)/%.o)
SECTIONS_OBJ = $(SECTIONS_SRC:%.c=$(O)/%.o)
TABLES_OBJ = $(TABLES_SRC:%.c=$(O)/%.o) $(O)/bin/tables/tables_narr_code.o
CHECK_OBJ = $(CHECK_SRC:%.c=$(O)/%.o)
STATS_OBJ = $(STATS_SRC:%.c=$(O)/%.o)
MAN = $(sort $(wildcard man/*.[17]))

all: $(BIN)

$(O)/lib/libgip.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(O)/lib/%.o: lib/%.c lib/gip.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PCRE2_CFLAGS) $(CFLAGS) -c -o $@ $<

# a tool's files see its own header (bin/NAME/NAME.h) and lib/gip.h
$(O)/bin/%.o: bin/%.c lib/gip.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -I$(<D) $(CFLAGS) -c -o $@ $<

$(NORMALIZE_OBJ): bin/normalize/normalize.h
$(SECTIONS_OBJ): bin/sections/sections.h
$(TABLES_OBJ): bin/tables/tables.h bin/tables/tables_narr_pats.h
$(CHECK_OBJ): bin/check/check.h bin/check/check_rule.h
$(STATS_OBJ): bin/stats/stats.h

# gip-tables' prose patterns, compiled at build time (bin/tables/mknarr.c)
$(O)/bin/tables/mknarr: bin/tables/mknarr.c bin/tables/tables_narr_pats.h $(O)/lib/libgip.a lib/gip.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Ibin/tables $(CFLAGS) $(LDFLAGS) -o $@ bin/tables/mknarr.c $(O)/lib/libgip.a $(LIBS)
$(O)/bin/tables/tables_narr_code.c: $(O)/bin/tables/mknarr
	$(O)/bin/tables/mknarr > $@.tmp && mv $@.tmp $@
$(O)/bin/tables/tables_narr_code.o: $(O)/bin/tables/tables_narr_code.c
	$(CC) $(CPPFLAGS) -Ibin/tables $(CFLAGS) -c -o $@ $<

$(O)/bin/normalize/normalize_docx.o: CPPFLAGS += $(DOCX_CFLAGS)
$(BINDIR)/gip-normalize: LIBS += $(DOCX_LIBS)

$(BINDIR)/gip-normalize: $(NORMALIZE_OBJ) $(O)/lib/libgip.a
$(BINDIR)/gip-sections: $(SECTIONS_OBJ) $(O)/lib/libgip.a
$(BINDIR)/gip-tables: $(TABLES_OBJ) $(O)/lib/libgip.a
$(BINDIR)/gip-check: $(CHECK_OBJ) $(O)/lib/libgip.a
$(BINDIR)/gip-stats: $(STATS_OBJ) $(O)/lib/libgip.a
$(BIN):
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
