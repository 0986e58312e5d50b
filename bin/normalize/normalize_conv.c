/*
 * normalize_conv.c: run an outside converter (pdftotext, catdoc,
 * antiword) as a child process.  The document goes to its standard
 * input: the window already read, then the rest of the file, so a pipe
 * works as well as a file; its standard output is kept whole, since
 * nothing of a document is written before the converter has succeeded;
 * the start of its standard error is kept for the message; it has a
 * time limit, after which it is killed.  One poll(2) loop feeds and
 * drains at once, so a converter that writes before it has read all
 * its input cannot block us, nor we it.
 */
#define _GNU_SOURCE		/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gip.h"
#include "normalize.h"

#define ERRKEEP	2048		/* bytes of standard error kept */
#define FEEDCAP	NZ_WINDOW	/* the window comes first, whole */

extern char **environ;

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read what a pipe has; 0 at its end. */
static int
drain(int fd, struct gip_buf *b, size_t keep)
{
	char	 tmp[16384];
	ssize_t	 r;

	r = read(fd, tmp, sizeof(tmp));
	if (r < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : 0;
	if (r == 0)
		return 0;
	if (keep == 0 || b->len < keep)
		gip_buf_add(b, tmp, keep == 0 || b->len + (size_t)r <= keep ?
		    (size_t)r : keep - b->len);
	return 1;
}

static void
pipes_close(int p[3][2])
{
	int	 i, j;

	for (i = 0; i < 3; i++)
		for (j = 0; j < 2; j++)
			if (p[i][j] != -1)
				close(p[i][j]);
}

static int
spawn(struct nz_conv *cv, char *const argv[], int p[3][2])
{
	posix_spawn_file_actions_t fa;
	int	 i, r;

	for (i = 0; i < 3; i++)
		p[i][0] = p[i][1] = -1;
	for (i = 0; i < 3; i++)
		if (pipe2(p[i], O_CLOEXEC) == -1) {
			cv->errnum = errno;
			pipes_close(p);
			return -1;
		}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[0][0], 0);
	posix_spawn_file_actions_adddup2(&fa, p[1][1], 1);
	posix_spawn_file_actions_adddup2(&fa, p[2][1], 2);
	r = posix_spawnp(&cv->pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[0][0]);
	close(p[1][1]);
	close(p[2][1]);
	p[0][0] = p[1][1] = p[2][1] = -1;
	if (r != 0) {
		if (r == ENOENT)
			cv->notfound = 1;
		cv->errnum = r;
		pipes_close(p);
		return -1;
	}
	fcntl(p[0][1], F_SETFL, fcntl(p[0][1], F_GETFL) | O_NONBLOCK);
	return 0;
}

int
nz_conv_run(struct nz_conv *cv, char *const argv[], const unsigned char *head,
    size_t nhead, FILE *rest, int eof, unsigned timeout)
{
	struct sigaction sa, old;
	struct pollfd	 pf[3];
	unsigned char	*feed;
	size_t		 nfeed = 0, off = 0;
	long long	 deadline;
	ssize_t		 w;
	int		 p[3][2], st, n, i, outopen = 1, erropen = 1;

	memset(cv, 0, sizeof(*cv));
	cv->status = -1;
	if (spawn(cv, argv, p) == -1)
		return -1;
	/* a converter that stops reading must not kill us with SIGPIPE */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &old);
	feed = gip_xmalloc(FEEDCAP);
	memcpy(feed, head, nfeed = nhead < FEEDCAP ? nhead : FEEDCAP);
	deadline = now_ms() + (long long)timeout * 1000;
	while (outopen || erropen) {
		if (p[0][1] != -1 && off == nfeed) {
			off = nfeed = 0;
			if (!eof && rest != NULL) {
				nfeed = fread(feed, 1, FEEDCAP, rest);
				if (nfeed == 0) {
					if (ferror(rest))
						cv->readerr = errno != 0 ?
						    errno : EIO;
					eof = 1;
				}
			}
			if (nfeed == 0) {
				close(p[0][1]);
				p[0][1] = -1;
			}
		}
		n = 0;
		pf[n].fd = p[0][1];
		pf[n++].events = POLLOUT;
		pf[n].fd = outopen ? p[1][0] : -1;
		pf[n++].events = POLLIN;
		pf[n].fd = erropen ? p[2][0] : -1;
		pf[n++].events = POLLIN;
		if ((i = (int)(deadline - now_ms())) <= 0) {
			cv->timedout = 1;
			break;
		}
		if (poll(pf, 3, i) == -1) {
			if (errno == EINTR)
				continue;
			cv->errnum = errno;
			break;
		}
		if (pf[0].revents & (POLLOUT | POLLERR | POLLHUP)) {
			w = write(p[0][1], feed + off, nfeed - off);
			if (w > 0)
				off += (size_t)w;
			else if (w < 0 && errno != EAGAIN && errno != EINTR) {
				/* it stopped reading: no more input for it */
				close(p[0][1]);
				p[0][1] = -1;
			}
		}
		if (pf[1].revents & (POLLIN | POLLERR | POLLHUP))
			outopen = drain(p[1][0], &cv->out, 0);
		if (pf[2].revents & (POLLIN | POLLERR | POLLHUP))
			erropen = drain(p[2][0], &cv->err, ERRKEEP);
	}
	free(feed);
	if (outopen || erropen)
		kill(cv->pid, SIGKILL);
	pipes_close(p);
	while (waitpid(cv->pid, &st, 0) == -1)
		if (errno != EINTR) {
			st = -1;
			break;
		}
	sigaction(SIGPIPE, &old, NULL);
	if (st != -1 && WIFEXITED(st))
		cv->status = WEXITSTATUS(st);
	else if (st != -1 && WIFSIGNALED(st))
		cv->signo = WTERMSIG(st);
	return cv->status == 0 && !cv->timedout && cv->errnum == 0 ? 0 : -1;
}

/*
 * Why the converter failed, in a few words: its first line of
 * standard error if it said something, else how it ended.
 */
void
nz_conv_why(const struct nz_conv *cv, const char *prog, char *buf,
    size_t size)
{
	const char	*e = cv->err.p;
	size_t		 n = 0;

	if (cv->timedout) {
		snprintf(buf, size, "%s took too long and was stopped", prog);
		return;
	}
	if (cv->errnum != 0) {
		snprintf(buf, size, "cannot run %s: %s", prog,
		    strerror(cv->errnum));
		return;
	}
	if (e != NULL) {
		while (n < cv->err.len && e[n] != '\n' && e[n] != '\r')
			n++;
	}
	if (cv->signo != 0)
		snprintf(buf, size, "%s was killed by signal %d%s%.*s", prog,
		    cv->signo, n > 0 ? ": " : "", (int)n, e);
	else
		snprintf(buf, size, "%s failed (status %d)%s%.*s", prog,
		    cv->status, n > 0 ? ": " : "", (int)n, e);
}

void
nz_conv_free(struct nz_conv *cv)
{
	gip_buf_free(&cv->out);
	gip_buf_free(&cv->err);
}
