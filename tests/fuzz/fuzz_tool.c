/*
 * fuzz_tool.c: a libFuzzer harness around a whole tool.  The tool's
 * sources are compiled with -Dmain=gip_tool_main; each input is written
 * to a file and the tool is run on it as a user would run it, output
 * going to /dev/null.  Built and run by "make fuzz" (clang only).
 */
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int	 gip_tool_main(int, char **);
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	 LLVMFuzzerInitialize(int *, char ***);

static char	 path[64];

/*
 * The tool closes its stdout when done: point it at /dev/null again.
 * (Its stderr is closed by libFuzzer's -close_fd_mask=2, which keeps
 * the fuzzer's own reports.)
 */
static void
quiet(void)
{
	int	 fd;

	if ((fd = open("/dev/null", O_WRONLY)) == -1)
		return;
	if (fd != STDOUT_FILENO) {
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "/tmp/gip-fuzz.%ld", (long)getpid());
	quiet();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*argv[] = { (char *)"gip-fuzz", path, NULL };
	FILE	*fp;

	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	optind = 0;	/* glibc: reinitialise getopt for the next run */
	quiet();
	gip_tool_main(2, argv);
	return 0;
}
