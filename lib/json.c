/* json.c: JSON string escaping for the --json outputs. */
#include <string.h>

#include "gip.h"

static const char hex[] = "0123456789abcdef";

/*
 * Input is UTF-8 and passes through; only the quote, the backslash and
 * control characters are escaped, which is all RFC 8259 requires.
 */
void
gip_json_str(struct gip_out *o, const char *p, size_t n)
{
	size_t		 i, run;
	unsigned char	 c;
	char		 esc[6] = { '\\', 'u', '0', '0', 0, 0 };

	gip_out_putc(o, '"');
	for (i = 0; i < n; i = run + 1) {
		for (run = i; run < n; run++) {
			c = (unsigned char)p[run];
			if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f)
				break;
		}
		gip_out_write(o, p + i, run - i);
		if (run == n)
			break;
		c = (unsigned char)p[run];
		switch (c) {
		case '"':
			gip_out_write(o, "\\\"", 2);
			break;
		case '\\':
			gip_out_write(o, "\\\\", 2);
			break;
		case '\n':
			gip_out_write(o, "\\n", 2);
			break;
		case '\t':
			gip_out_write(o, "\\t", 2);
			break;
		case '\r':
			gip_out_write(o, "\\r", 2);
			break;
		default:
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xf];
			gip_out_write(o, esc, 6);
			break;
		}
	}
	gip_out_putc(o, '"');
}

void
gip_json_strs(struct gip_out *o, const char *s)
{
	if (s == NULL)
		gip_out_puts(o, "null");
	else
		gip_json_str(o, s, strlen(s));
}
