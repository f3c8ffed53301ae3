"""Archives: a member's own export, and the whole site's dump and restore.

- `member_export`: what `GET /api/v1/me/export` and `设置 → 导出我的数据` download;
- `site_dump` / `site_restore`: `nook export` and `nook restore`;
- `manifest`: the archive's table of contents (format, row counts, SHA-256 of every member) and the
  path rules that keep a restore inside the media folder;
- `snapshot`: one consistent read of the database, on SQLite and PostgreSQL alike.
"""
