"""搜索: posts, people, circles and #话题# found by their words; 热门话题 counted from real people."""
