// SPDX-License-Identifier: GPL-2.0
/*
 * warden: the command-line tool that drives the hypervisor through the
 * driver's /dev/warden.  Each command is a row in the table at the bottom,
 * with its own usage line and help text.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <warden/ioctl.h>

#ifndef WARDEN_VERSION
#define WARDEN_VERSION "unknown"
#endif
#define CONFIG_TOOL_DIR "/usr/lib/warden"

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fputs("warden: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static int open_device(void)
{
	int fd = open(WARDEN_DEVICE, O_RDWR | O_CLOEXEC);

	if (fd >= 0)
		return fd;
	if (errno == ENOENT)
		die("%s not found: load the driver with 'modprobe warden'",
		    WARDEN_DEVICE);
	if (errno == EACCES || errno == EPERM)
		die("cannot open %s: permission denied (run as root)",
		    WARDEN_DEVICE);
	die("cannot open %s: %s", WARDEN_DEVICE, strerror(errno));
}

/* A call to the driver failed with err: print its reason and exit 1. */
static void __attribute__((noreturn))
fail(int fd, int err, const char *what)
{
	char reason[WARDEN_ERROR_LEN] = "";

	if (ioctl(fd, WARDEN_GET_ERROR, reason) == 0 && reason[0])
		die("%s: %s", what, reason);
	die("%s: %s", what, strerror(err));
}

/* Issue a request; on failure, print the driver's reason and exit 1. */
static void request(int fd, unsigned long cmd, void *arg, const char *what)
{
	if (ioctl(fd, cmd, arg) < 0)
		fail(fd, errno, what);
}

/* The first line of a sysfs file, without its newline; "?" if unreadable. */
static const char *sysfs_read(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	if (!f || !fgets(buf, len, f))
		snprintf(buf, len, "?");
	else
		buf[strcspn(buf, "\n")] = '\0';
	if (f)
		fclose(f);
	return buf;
}

static void *read_file(const char *path, size_t *size)
{
	struct stat st;
	void *buf;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die("%s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		die("%s: not a regular file", path);
	buf = malloc(st.st_size ? st.st_size : 1);
	if (!buf)
		die("%s: out of memory", path);
	if (read(fd, buf, st.st_size) != st.st_size)
		die("%s: cannot read the whole file", path);
	close(fd);
	*size = st.st_size;
	return buf;
}

/* A configuration image as the driver takes it. */
static struct warden_config_buf read_config(const char *path)
{
	struct warden_config_buf cb;
	size_t size;

	cb.addr = (unsigned long)read_file(path, &size);
	cb.size = size;
	return cb;
}

static int cmd_enable(int argc, char **argv)
{
	struct warden_config_buf cb;
	int fd;

	if (argc != 2)
		die("usage: warden enable SYSTEM.cell");
	cb = read_config(argv[1]);
	fd = open_device();
	request(fd, WARDEN_ENABLE, &cb, argv[1]);
	printf("warden: enabled with %s\n", argv[1]);
	return 0;
}

static int cmd_disable(int argc, char **argv)
{
	int fd;

	if (argc != 1)
		die("usage: warden disable");
	fd = open_device();
	request(fd, WARDEN_DISABLE, NULL, "disable");
	printf("warden: disabled\n");
	return 0;
}

static int cmd_info(int argc, char **argv)
{
	struct warden_info info;
	char fixed[32];
	int fd;

	if (argc != 1)
		die("usage: warden info");
	fd = open_device();
	request(fd, WARDEN_INFO, &info, "info");
	sysfs_read(WARDEN_SYSFS "/mem_fixed", fixed, sizeof(fixed));
	printf("hypervisor:   enabled\n"
	       "cells:        %u\n"
	       "memory pool:  %llu of %llu pages used (%llu KiB of %llu KiB)\n"
	       "fixed memory: %s bytes (image, per-CPU areas, configuration)\n",
	       info.num_cells, (unsigned long long)info.mem_pool_used,
	       (unsigned long long)info.mem_pool_total,
	       (unsigned long long)info.mem_pool_used * 4,
	       (unsigned long long)info.mem_pool_total * 4, fixed);
	return 0;
}

/* NAME or numeric id, as the driver takes it. */
static void cell_id(const char *arg, struct warden_cell_id *ci)
{
	char *end;
	long id;

	memset(ci, 0, sizeof(*ci));
	id = strtol(arg, &end, 10);
	if (*arg && !*end) {
		ci->id = id;
		return;
	}
	if (strlen(arg) >= sizeof(ci->name))
		die("cell name '%s' too long: at most %zu characters", arg,
		    sizeof(ci->name) - 1);
	strcpy(ci->name, arg);
}

static int cmd_cell_create(int argc, char **argv)
{
	struct warden_config_buf cb;
	int fd, id;

	if (argc != 2)
		die("usage: warden cell create CELL.cell");
	cb = read_config(argv[1]);
	fd = open_device();
	id = ioctl(fd, WARDEN_CELL_CREATE, &cb);
	if (id < 0)
		fail(fd, errno, argv[1]);
	printf("warden: cell created from %s, id %d\n", argv[1], id);
	return 0;
}

static unsigned long long number(const char *s, const char *what)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || !*s || *end)
		die("%s: '%s' is not a number", what, s);
	return v;
}

/* load NAME IMAGE [-a ADDR] [-s STRING [-a ADDR]] ... */
static int cmd_cell_load(int argc, char **argv)
{
	struct warden_cell_image imgs[WARDEN_LOAD_MAX_IMAGES];
	struct warden_cell_load cl = { 0 };
	unsigned int n = 0;
	size_t size;
	int i, fd;

	if (argc < 3)
		die("usage: warden cell load NAME IMAGE [-a ADDR] [-s STRING [-a ADDR]] ...");
	cell_id(argv[1], &cl.cell);
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-a")) {
			if (!n || i + 1 == argc)
				die("cell load: -a ADDR must follow an IMAGE or -s STRING");
			imgs[n - 1].address = number(argv[++i], "-a");
			continue;
		}
		if (n == WARDEN_LOAD_MAX_IMAGES)
			die("cell load: at most %d images and strings",
			    WARDEN_LOAD_MAX_IMAGES);
		if (!strcmp(argv[i], "-s")) {
			if (i + 1 == argc)
				die("cell load: -s needs a STRING");
			i++;
			imgs[n].source = (unsigned long)argv[i];
			imgs[n].size = strlen(argv[i]) + 1;
			imgs[n].address = WARDEN_LOAD_CMDLINE;
		} else {
			imgs[n].source = (unsigned long)read_file(argv[i], &size);
			imgs[n].size = size;
			imgs[n].address = WARDEN_LOAD_DEFAULT;
		}
		n++;
	}
	cl.num_images = n;
	cl.images = (unsigned long)imgs;
	fd = open_device();
	request(fd, WARDEN_CELL_LOAD, &cl, "cell load");
	printf("warden: cell %s loaded\n", argv[1]);
	return 0;
}

/* start, shutdown, destroy: one cell, one request. */
static int cell_request(int argc, char **argv, unsigned long cmd,
			const char *what, const char *done)
{
	struct warden_cell_id ci;
	char label[64];
	int fd;

	if (argc != 2)
		die("usage: warden cell %s NAME", what);
	cell_id(argv[1], &ci);
	fd = open_device();
	snprintf(label, sizeof(label), "cell %s", what);
	request(fd, cmd, &ci, label);
	printf("warden: cell %s %s\n", argv[1], done);
	return 0;
}

static int cmd_cell_start(int argc, char **argv)
{
	return cell_request(argc, argv, WARDEN_CELL_START, "start", "started");
}

static int cmd_cell_shutdown(int argc, char **argv)
{
	return cell_request(argc, argv, WARDEN_CELL_SHUTDOWN, "shutdown",
			    "shut down");
}

static int cmd_cell_destroy(int argc, char **argv)
{
	return cell_request(argc, argv, WARDEN_CELL_DESTROY, "destroy",
			    "destroyed");
}

/* cells/<id>/ of the cell NAME or id names; exits if there is none. */
static void cell_dir(const char *arg, char *dir, size_t len)
{
	char path[PATH_MAX], name[64];
	struct warden_cell_id ci;
	struct dirent *de;
	DIR *d;

	cell_id(arg, &ci);
	d = opendir(WARDEN_SYSFS "/cells");
	if (!d)
		die("%s/cells: %s (is the hypervisor enabled?)", WARDEN_SYSFS,
		    strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/cells/%s/name", WARDEN_SYSFS,
			 de->d_name);
		sysfs_read(path, name, sizeof(name));
		if (ci.name[0] ? !strcmp(name, ci.name) :
				 atoi(de->d_name) == ci.id) {
			snprintf(dir, len, "%s/cells/%s", WARDEN_SYSFS,
				 de->d_name);
			closedir(d);
			return;
		}
	}
	die("no cell %s '%s' (see 'warden cell list')",
	    ci.name[0] ? "named" : "with id", arg);
}

static int cmd_cell_stats(int argc, char **argv)
{
	char dir[PATH_MAX], path[PATH_MAX + 16], buf[4096];
	size_t n;
	FILE *f;

	if (argc != 2)
		die("usage: warden cell stats NAME");
	cell_dir(argv[1], dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/statistics", dir);
	f = fopen(path, "r");
	if (!f)
		die("%s: %s", path, strerror(errno));
	printf("exits to the hypervisor of cell %s, by reason:\n", argv[1]);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, stdout);
	fclose(f);
	return 0;
}

static int cmd_cell_list(int argc, char **argv)
{
	char path[PATH_MAX], name[64], state[32], cpus[128], failed[128];
	struct warden_info info;
	struct dirent *de;
	DIR *dir;
	int fd;

	if (argc != 1)
		die("usage: warden cell list");
	fd = open_device();
	request(fd, WARDEN_INFO, &info, "cell list");
	dir = opendir(WARDEN_SYSFS "/cells");
	if (!dir)
		die("%s/cells: %s", WARDEN_SYSFS, strerror(errno));
	printf("%-4s %-24s %-16s %-10s %s\n", "ID", "NAME", "STATE", "CPUS",
	       "FAILED CPUS");
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
#define CELL_FILE(file, buf) (snprintf(path, sizeof(path), "%s/cells/%s/%s", \
	WARDEN_SYSFS, de->d_name, file), sysfs_read(path, buf, sizeof(buf)))
		printf("%-4s %-24s %-16s %-10s %s\n", de->d_name,
		       CELL_FILE("name", name), CELL_FILE("state", state),
		       CELL_FILE("cpus_assigned", cpus),
		       CELL_FILE("cpus_failed", failed));
#undef CELL_FILE
	}
	closedir(dir);
	return 0;
}

/*
 * The hypervisor console: what the driver has of it; with -f, go on
 * printing what comes until interrupted.
 */
static int cmd_console(int argc, char **argv)
{
	int follow = argc == 2 && !strcmp(argv[1], "-f");
	char buf[4096];
	ssize_t n;
	int fd;

	if (argc > 2 || (argc == 2 && !follow))
		die("usage: warden console [-f]");
	fd = open_device();
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0)
			fail(fd, errno, "console");
		if (n > 0) {
			fwrite(buf, 1, n, stdout);
			continue;
		}
		if (!follow)
			break;
		fflush(stdout);
		usleep(200 * 1000);
	}
	return 0;
}

/* `warden config ...` is the Python tool: find it and hand over. */
static int cmd_config(int argc, char **argv)
{
	char self[PATH_MAX], tool[PATH_MAX + 32];
	const char *env = getenv("WARDEN_CONFIG_TOOL");
	ssize_t n;

	argv[0] = "warden-config";
	if (env) {
		execv(env, argv);
		die("WARDEN_CONFIG_TOOL=%s: %s", env, strerror(errno));
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		*strrchr(self, '/') = '\0';
		snprintf(tool, sizeof(tool), "%s/warden-config", self);
		if (access(tool, X_OK) == 0)
			execv(tool, argv);
	}
	execv(CONFIG_TOOL_DIR "/warden-config", argv);
	if (access(CONFIG_TOOL_DIR "/warden-config", F_OK))
		die("%s/warden-config not found: install warden ('make install') or point WARDEN_CONFIG_TOOL at tools/warden-config",
		    CONFIG_TOOL_DIR);
	die("cannot run %s/warden-config: %s (it needs python3 on the PATH)",
	    CONFIG_TOOL_DIR, strerror(errno));
}

static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{ "enable", "SYSTEM.cell",
	  "take over the machine with the hypervisor; Linux becomes the root cell",
	  cmd_enable },
	{ "disable", "", "hand the machine back to Linux", cmd_disable },
	{ "info", "", "show the hypervisor's state and memory use", cmd_info },
	{ "console", "[-f]",
	  "show the hypervisor console; -f: keep following it", cmd_console },
	{ "cell create", "CELL.cell",
	  "create a cell: its CPUs and memory leave Linux", cmd_cell_create },
	{ "cell load", "NAME IMAGE [-a ADDR] [-s STRING [-a ADDR]]...",
	  "copy images and strings into a cell that is not running",
	  cmd_cell_load },
	{ "cell start", "NAME", "start a loaded cell", cmd_cell_start },
	{ "cell shutdown", "NAME", "stop a cell (it may be loaded and started again)",
	  cmd_cell_shutdown },
	{ "cell destroy", "NAME",
	  "stop a cell and give its CPUs and memory back to Linux",
	  cmd_cell_destroy },
	{ "cell list", "", "list the cells: id, name, state, CPUs, failed CPUs",
	  cmd_cell_list },
	{ "cell stats", "NAME", "exits to the hypervisor by reason, per CPU",
	  cmd_cell_stats },
	{ "config", "compile|check|dump ...",
	  "compile, check and dump cell configurations (warden config --help)",
	  cmd_config },
	{ "help", "", "show this help", cmd_help },
};

#define NUM_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static int cmd_help(int argc, char **argv)
{
	char usage[64];
	size_t i;

	printf("usage: warden COMMAND [ARGS]\n\n"
	       "Drive the warden partitioning hypervisor (%s).\n\n"
	       "commands:\n", WARDEN_DEVICE);
	for (i = 0; i < NUM_COMMANDS; i++) {
		snprintf(usage, sizeof(usage), "%s %s", commands[i].name,
			 commands[i].args);
		printf("  %-28s %s\n", usage, commands[i].help);
	}
	printf("\noptions:\n  --help, -h                   show this help\n"
	       "  --version                    show the version\n");
	return 0;
}

/* Match "cell list" against argv[0], argv[1]: returns words consumed. */
static int match(const struct command *c, int argc, char **argv)
{
	const char *space = strchr(c->name, ' ');
	size_t len = space ? (size_t)(space - c->name) : strlen(c->name);

	if (strncmp(argv[0], c->name, len) || argv[0][len])
		return 0;
	if (!space)
		return 1;
	return argc > 1 && !strcmp(argv[1], space + 1) ? 2 : 0;
}

int main(int argc, char **argv)
{
	size_t i;
	int n;

	if (argc < 2)
		return cmd_help(0, NULL), 1;
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(0, NULL);
	if (!strcmp(argv[1], "--version")) {
		printf("warden %s\n", WARDEN_VERSION);
		return 0;
	}
	for (i = 0; i < NUM_COMMANDS; i++) {
		n = match(&commands[i], argc - 1, argv + 1);
		if (n)
			return commands[i].run(argc - n, argv + n);
	}
	if (!strcmp(argv[1], "cell"))
		die("%s%s%s: warden cell create|load|start|shutdown|destroy|list|stats ...; see 'warden --help'",
		    argc > 2 ? "unknown command 'cell " : "usage",
		    argc > 2 ? argv[2] : "", argc > 2 ? "'" : "");
	die("unknown command '%s%s%s': see 'warden --help'", argv[1],
	    argc > 2 ? " " : "", argc > 2 ? argv[2] : "");
}
