/*
 * stats.h: the private parts of gip-stats shared by its files.
 *
 * Numbers are exact: every value is a fixed-point integer in millionths
 * (STATS_SCALE), so sums, minima and maxima merge without rounding and
 * a merged result equals a single run byte for byte.
 */
#ifndef STATS_H
#define STATS_H

#include <stdint.h>
#include <stdio.h>

#define STATS_SCALE	GIP_DEC_SCALE	/* values are kept in millionths */
#define STATS_NUMLEN	GIP_DEC_LEN	/* room for a formatted number */
#define STATS_MAXTERMS	64		/* terms on one side of a ratio */
#define STATS_PARTIAL_VERSION "3"
#define STATS_HOT	64		/* documents kept in memory, at least */
#define STATS_NOWINDOW	((size_t)-1)	/* no --window given */

/* What a run reports: one of three tables. */
enum stats_view {
	VIEW_CELLS,		/* value statistics of cells */
	VIEW_RATIOS,		/* per-document ratios of cells */
	VIEW_FINDINGS,		/* documents failing gip-check rules */
	VIEW_DOCS		/* reports that went in, with tables */
};

/* A grouping dimension. */
enum stats_dimkind {
	DIM_DOC, DIM_YEAR, DIM_AGENCY, DIM_TEMPLATE,	/* per document */
	DIM_TABLE, DIM_ROW, DIM_COLUMN,			/* per cell */
	DIM_MAP						/* from --map */
};

struct stats_dim {
	enum stats_dimkind kind;
	const char	*name;		/* as printed in headers */
	int		 map, mapcol;	/* DIM_MAP: which map, which column */
	int		 docpos;	/* index among the per-document dims */
};

/* A --map file: TSV with a header, joined on doc or agency. */
struct stats_map {
	const char	*path;
	int		 on_agency;	/* 1: first column is agency, 0: doc */
	int		 ncol;		/* value columns, after the key */
	char		**names;	/* their header names */
	struct stats_strtab *rows;	/* key -> escaped values */
	unsigned long	 unmatched;	/* documents with no entry */
	char		*first_unmatched;
	int		 used;		/* some -g dimension comes from it */
};

/*
 * A document is counted once per group: the counter remembers the last
 * document it counted (the common case, records in a row), and each
 * document in flight keeps the set of counters it has counted, for
 * records interleaved by parallel writers.
 */
struct stats_dcount {
	uint64_t	 n;
	uint32_t	 last;		/* serial of the last document counted */
};

/* One side of a ratio: a signed sum of cells. */
struct stats_term {
	char		*table, *row, *col;
	int		 sign;		/* +1 or -1 */
};

struct stats_ratio {
	char		*name;
	char		*def;		/* canonical "name=a+b/c" */
	struct stats_term num[STATS_MAXTERMS], den[STATS_MAXTERMS];
	int		 nnum, nden;
};

/* A ratio's operands in the current document. */
struct stats_operands {
	int64_t		 num, den;
	uint64_t	 nummask, denmask;	/* terms seen as numbers */
};

/*
 * A group: one output row.  The same structure serves the four kinds
 * of groups (D: per-document dims only, C: cells, R: ratios, F:
 * findings); each kind uses its own fields.
 */
struct stats_group {
	char		*key;		/* escaped TSV fields, TAB-joined */
	size_t		 keylen;
	uint64_t	 hash;
	uint32_t	 id;		/* insertion order in its table */
	size_t		*foff, *flen;	/* D: where each field is in key */
	struct stats_group **rgroups;	/* D: its ratio groups */
	struct stats_dcount docs;	/* D, C: documents */
	struct stats_dcount covered;	/* C: documents with a number */
	struct stats_dcount failing;	/* F: documents with a finding */
	struct stats_dcount tabled;	/* D: documents with a table */
	uint64_t	 values;	/* C, R: numbers seen */
	int64_t		 sum, min, max;	/* C, R */
	uint64_t	 zero_den, na;	/* R: not divided */
	int64_t		 pnum, pden;	/* R: pooled operands */
	uint64_t	 findings;	/* F: finding lines */
};

/* A hash table (lib/htab.c) of groups keyed by their key bytes. */
struct stats_gtab {
	struct gip_htab	 idx;		/* hash, group */
	size_t		 n;
	struct stats_group **all;	/* in insertion order */
	size_t		 allcap;
};

/* A hash set (lib/htab.c) of strings with a pointer payload. */
struct stats_strtab {
	struct gip_htab	 idx;		/* hash, entry */
	size_t		 n;
};

struct stats_strent {
	char		*s;
	size_t		 len;
	uint64_t	 hash;
	void		*val;
	uint32_t	 serial;
};

/* The exact multiset of values of a group, as (value, count) pairs. */
struct stats_vent {
	uint32_t	 gid;
	char		 kind;		/* 'C' or 'R' */
	int64_t		 value;
	uint64_t	 count;
};

struct stats_vpair {
	int64_t		 value;
	uint64_t	 count;
};

/*
 * One group's multiset: its (value, count) pairs sorted by value, and
 * the pairs added since, merged in when they are as many as the sorted
 * ones (at least 8, at most 4096): appending costs no cache miss, and
 * sorting a few thousand pairs at a time costs less than one hash
 * probe each into a table the size of all the values.
 */
struct stats_bag {
	struct stats_vpair *run, *add;
	uint32_t	 nrun, runcap, nadd, addcap;
};

struct stats_vtab {
	struct stats_bag *bag[2];	/* 'C' and 'R', by group id */
	size_t		 nbag[2];
	struct stats_vpair *tmp;	/* the sort's scratch */
	size_t		 ntmp;
};

/* Options that shape the aggregation (and so the partial state). */
struct stats_conf {
	enum stats_view	 view;
	struct stats_dim *dims;
	int		 ndim;
	int		 ndocdim;	/* dims that are per document */
	char		*dimspec;	/* canonical -g */
	char		**cells;	/* -c patterns, "t3.*.total" */
	int		 ncell;
	char		*cellspec;	/* canonical -c */
	struct stats_ratio *ratios;
	int		 nratio;
	char		*ratiospec;	/* canonical -r */
	struct stats_map *maps;
	int		 nmap;
	int		 lenient;	/* --merge: unknown dims are map fields */
	int		 pool;		/* --pool: -g without cell dims adds
					   the selected cells together */
	int		 labels;	/* --labels: row_label, col_label */
	char		**owned;	/* their names */
	int		 nowned;
};

/*
 * All that is kept of every document: a 64-bit hash of its name (two
 * names with one hash, a chance of 2^-64 per pair, are taken for one
 * document), its serial, flags, and its D group, or its slot while in
 * flight.  16 bytes in an open-addressing table at most 3/4 full.
 */
struct stats_doc {
	uint64_t	 hash;		/* 0: an empty slot */
	uint32_t	 serial;	/* order of first appearance, from 1 */
	uint32_t	 info;		/* DOC_* flags | payload << DOC_SHIFT */
#define DOC_RECORDS	0x1		/* had records */
#define DOC_RECDONE	0x2		/* its records were settled */
#define DOC_SPILLED	0x4		/* its state is in the spill file */
#define DOC_OPEN	0x8		/* in flight: payload is its slot */
#define DOC_SHIFT	4		/* else payload is D group id + 1 */
};

/* The documents: a lib/htab.c table of struct stats_doc. */
struct stats_dtab {
	struct gip_htab	 t;
};

/* Everything a run accumulates. */
struct stats {
	struct stats_conf *conf;
	int		 partial;	/* writing a partial state */
	int		 merging;
	struct stats_gtab dg, cg, rg, fg;
	struct stats_vtab vt;
	struct stats_dtab docs;		/* every document seen */
	struct stats_strtab cellcache;	/* "t\0r\0c" -> struct stats_cell */
	struct stats_cell *prevcell;	/* of the previous record */
	struct stats_strtab edges;	/* merge: edge lines seen */
	struct stats_strtab pending;	/* merge: P lines by key and doc */
	struct stats_open *lastdoc;	/* of the previous line */
	struct stats_open *counting;	/* of the last count */
	struct stats_open **slots;	/* documents in flight by slot ... */
	size_t		 nslots, slotcap;
	struct stats_open *head, *tail, *free;	/* ... as an LRU list */
	size_t		 window, nopen;	/* --window; 0: exact */
	size_t		 edgewin;	/* --partial: documents left open at
					   each end of a part; 0: all */
	size_t		 hot;		/* documents kept in memory */
	struct stats_dtab settled;	/* --partial: documents counted
					   whole (S lines), by hash */
	struct gip_spill spill;		/* dormant documents' states */
	int		 spillidx;	/* their offsets, by serial; -1 */
	int		 settling;	/* at the end: no counter sets read */
	struct gip_buf	 spillbuf;
	struct stats_buffered *later;	/* findings waiting for records */
	size_t		 nlater, latercap;
	struct gip_buf	 key;		/* scratch */
	unsigned long	 bad;		/* rejected lines */
	unsigned long	 orphans;	/* findings with no records */
};

/* A document in flight (see -w): what it has counted, its operands. */
struct stats_open {
	char		*id;		/* its name */
	size_t		 idcap;
	uint64_t	 hash;		/* its key in the doc table */
	uint32_t	 serial;
	uint32_t	 slot;		/* index in stats.slots */
	struct stats_group *dgroup;
	struct stats_open *prev, *next;	/* most recently seen first */
	struct gip_htab	 set;		/* counter ids + 1 (lib/htab.c) */
	uint64_t	*list;		/* or, while OPEN_LIST, a list */
	size_t		 nlist, listcap;
	struct stats_operands *ops;	/* one per ratio */
	unsigned	 flags;		/* OPEN_* */
#define OPEN_RECORDS	0x1		/* had records in this visit */
#define OPEN_LIST	0x2		/* its ids in list (stats_agg.c, count) */
};

/* A cell key seen in the input, with what the run does with it. */
struct stats_cell {
	const char	*table, *row, *col;	/* in the cache's key */
	struct stats_cell *next;	/* the cell that followed it last */
	int		 selected;	/* matches -c */
	struct stats_group **byd;	/* C group by D group id */
	size_t		 nbyd;
	int		 nref;
	struct stats_cellref {
		int	 ratio, den, term, sign;
	}		*refs;
};

struct stats_finding {
	const char	*doc, *rule, *severity, *table, *row, *col;
};

struct stats_buffered {
	char		*doc, *rule, *severity, *table, *row, *col;
	const char	*file;
	unsigned long	 line;
};

/* stats_num.c */
int	 stats_num_parse(const char *, int64_t *);
size_t	 stats_num_fmt(char *, int64_t);
int64_t	 stats_div_round(int64_t, int64_t);
int	 stats_ratio_value(int64_t, int64_t, int64_t *);
int	 stats_add(int64_t *, int64_t);

/* stats_tab.c */
uint64_t stats_hash(const char *, size_t);
struct stats_group *stats_gtab_get(struct stats_gtab *, const char *,
	    size_t, int *);
struct stats_group **stats_gtab_sorted(struct stats_gtab *);
void	 stats_gtab_free(struct stats_gtab *);
struct stats_doc *stats_dtab_get(struct stats_dtab *, uint64_t, int *);
struct stats_doc *stats_dtab_slot(struct stats_dtab *, size_t);
size_t	 stats_dtab_cap(const struct stats_dtab *);
size_t	 stats_dtab_count(const struct stats_dtab *);
void	 stats_dtab_free(struct stats_dtab *);
struct stats_strent *stats_strtab_get(struct stats_strtab *, const char *,
	    size_t, int *);
struct stats_strent **stats_strtab_all(const struct stats_strtab *);
void	 stats_strtab_free(struct stats_strtab *, void (*)(void *));
void	 stats_vtab_add(struct stats_vtab *, char, uint32_t, int64_t,
	    uint64_t);
struct stats_vent *stats_vtab_sorted(struct stats_vtab *, size_t *);
void	 stats_vtab_free(struct stats_vtab *);
void	 stats_key_field(struct gip_buf *, const char *, size_t, int);

/* stats_conf.c */
int	 stats_conf_dims(struct stats_conf *, const char *);
int	 stats_conf_cells(struct stats_conf *, const char *);
int	 stats_conf_ratios(struct stats_conf *, const char *);
int	 stats_conf_map(struct stats_conf *, const char *);
int	 stats_conf_finish(struct stats_conf *);
void	 stats_conf_free(struct stats_conf *);
int	 stats_conf_header(struct stats_conf *, const char *, const char *,
	    const char *, const char *);
const char *stats_view_name(enum stats_view);
int	 stats_cell_match(const struct stats_conf *, const char *,
	    const char *, const char *);
void	 stats_list_ratios(struct gip_out *);
const char *stats_map_value(struct stats_map *, const char *, const char *,
	    int, size_t *);

/* stats_agg.c */
void	 stats_init(struct stats *, struct stats_conf *, int, int, size_t);
void	 stats_record(struct stats *, const struct gip_record *,
	    const char *, unsigned long);
void	 stats_finding(struct stats *, const struct stats_finding *,
	    const char *, unsigned long);
void	 stats_finish(struct stats *);
void	 stats_summary(struct stats *);
void	 stats_bad(struct stats *, const char *, unsigned long, const char *,
	    const char *);
void	 stats_free(struct stats *);
void	 stats_ratio_done(struct stats *, struct stats_group *,
	    const struct stats_operands *, const struct stats_ratio *);
void	 stats_pending_add(struct stats *, const char *, size_t,
	    const struct stats_operands *);
void	 stats_edge_add(struct stats *, char, const char *, size_t,
	    const char *);

/* stats_state.c */
void	 stats_state_write(struct stats *, struct gip_out *);
int	 stats_state_line(struct stats *, char *, size_t);
int	 stats_is_state(const char *, size_t);
void	 stats_merge_settle(struct stats *);

/* stats_out.c */
enum stats_format {
	FMT_TSV, FMT_JSON, FMT_PRETTY, FMT_CHART
};
int	 stats_output(struct stats *, struct gip_out *, enum stats_format,
	    int, const char *);
size_t	 stats_width(const char *, size_t);

#endif /* STATS_H */
