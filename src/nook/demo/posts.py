"""说说: who writes what, when, for whom, and with which pictures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from random import Random

from nook.demo import clock, content_campus, content_circles, content_fandom, content_hooks, content_life
from nook.demo.circles import Circles
from nook.demo.compose import author_slots, parse_hashtags, post_text
from nook.demo.content_images import ALT_TEXTS
from nook.demo.content_talk import WELCOME_POST
from nook.demo.model import DemoImage, DemoPost, DemoUser
from nook.demo.people import Person
from nook.demo.topics import Prompt, Topic
from nook.vocabulary import Visibility

TOPICS: tuple[Topic, ...] = (
    *content_life.TOPICS,
    *content_campus.TOPICS,
    *content_circles.TOPICS,
    *content_fandom.TOPICS,
    *content_hooks.TOPICS,
)
IMAGE_VARIANTS = 16  # image seeds repeat, so a loader can render each (kind, seed) once and reuse it


@dataclass(slots=True)
class Written:
    """A post before it has a key, with the slot values its comments should agree with."""

    author: str
    topic: Topic
    text: str
    visibility: Visibility
    circle: str | None
    created_at: datetime
    images: tuple[DemoImage, ...]
    memo: dict[str, str] = field(default_factory=dict)
    slots: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prompt: Prompt | None = None
    title: str = ""  # a 日志's title

    @property
    def remarks(self) -> tuple[str, ...]:
        """What readers may say about this post in particular."""
        return self.prompt.comments if self.prompt and self.prompt.comments else self.topic.comments

    @property
    def questions(self) -> tuple[str, ...]:
        return self.prompt.questions if self.prompt and self.prompt.questions else self.topic.questions

    @property
    def answers(self) -> tuple[str, ...]:
        return self.prompt.answers if self.prompt and self.prompt.answers else self.topic.answers

    def to_post(self, key: str) -> DemoPost:
        return DemoPost(
            key=key,
            author=self.author,
            text=self.text,
            hashtags=parse_hashtags(self.text),
            visibility=self.visibility,
            circle=self.circle,
            created_at=self.created_at,
            images=self.images,
            topic=self.topic.name,
            mood=self.topic.mood,
            title=self.title,
        )


class Writer:
    """Writes posts for people, knowing their circles so circle posts come only from members."""

    def __init__(self, rng: Random, people: list[Person], circles: Circles) -> None:
        self.rng = rng
        self.roles = circles.roles
        self.circles_of: dict[str, list[str]] = {}
        for circle in circles.circles:
            for member in circle.members:
                self.circles_of.setdefault(member, []).append(circle.slug)
        self.menus = {p.user.username: _menu(p) for p in people}

    def write(self, person: Person, when: datetime, topic: Topic | None = None) -> Written:
        rng, user = self.rng, person.user
        if topic is None:
            topics, weights = self.menus[user.username]
            topic = rng.choices(topics, cum_weights=weights)[0]
        slots = author_slots(user, person.segment)
        memo: dict[str, str] = {}
        text, prompt = post_text(topic, person.segment, rng, slots, memo)
        visibility, circle = self._audience(topic, user)
        images = _images(rng, topic)
        return Written(user.username, topic, text, visibility, circle, when, images, memo, slots, prompt)

    def _audience(self, topic: Topic, user: DemoUser) -> tuple[Visibility, str | None]:
        rng = self.rng
        mine = [s for s in self.circles_of.get(user.username, ()) if self.roles[s] in topic.circles]
        if mine and rng.random() < 0.45:
            return "circle", rng.choice(mine)
        roll = rng.random()
        if roll < topic.private_odds:
            return "private", None
        return ("friends" if roll < topic.private_odds + topic.friends_odds else "public"), None


def _menu(person: Person) -> tuple[list[Topic], list[float]]:
    """The topics a person writes and their cumulative weights."""
    tags = person.tags
    topics = [t for t in TOPICS if t.weight > 0 and (not t.audience or tags.intersection(t.audience))]
    total, cumulative = 0.0, []
    for topic in topics:
        total += topic.weight
        cumulative.append(total)
    return topics, cumulative


def _images(rng: Random, topic: Topic) -> tuple[DemoImage, ...]:
    if not topic.images or rng.random() >= topic.image_odds:
        return ()
    count = min(topic.max_images, rng.choice((1, 1, 1, 2, 2, 3, 4, 6, 9)))
    kinds = [rng.choice(topic.images) for _ in range(count)]
    return tuple(DemoImage(rng.randrange(IMAGE_VARIANTS), k, rng.choice(ALT_TEXTS[k])) for k in kinds)


def write_posts(rng: Random, writer: Writer, people: list[Person], count: int, now: datetime) -> list[Written]:
    """`count` posts in all: idol-birthday posts on the day, then ordinary ones by activity."""
    written = _birthday_posts(rng, writer, people, now)
    cumulative, total = [], 0.0
    for person in people:
        total += person.activity
        cumulative.append(total)
    for _ in range(max(0, count - len(written))):
        person = rng.choices(people, cum_weights=cumulative)[0]
        written.append(writer.write(person, clock.moment_in_window(rng, now)))
    return written


def _birthday_posts(rng: Random, writer: Writer, people: list[Person], now: datetime) -> list[Written]:
    day = _last_birthday(content_fandom.IDOL.birthday, clock.local_day(now, 0))
    if (clock.local_day(now, 0) - day).days >= clock.WINDOW_DAYS - 1:
        return []
    fans = [p for p in people if "追星" in p.user.interests]
    chosen = rng.sample(fans, min(len(fans), max(3, len(fans) // 2)))
    topic = content_fandom.FANDOM_BIRTHDAY
    # 零点打卡: most fans post in the first minutes of the day
    times = [clock.at_local(day, 0 if rng.random() < 0.6 else clock.random_hour(rng), rng) for _ in chosen]
    return [writer.write(p, min(t, now - timedelta(hours=1)), topic) for p, t in zip(chosen, times, strict=True)]


def _last_birthday(birthday: date, today: date) -> date:
    this_year = birthday.replace(year=today.year)
    return this_year if this_year <= today else birthday.replace(year=today.year - 1)


def welcome_post(admin: DemoUser, now: datetime) -> Written:
    """The admin's pinned-style welcome, on the first day of the window."""
    when = datetime.combine(clock.local_day(now, clock.WINDOW_DAYS - 1), time(2, 0), tzinfo=now.tzinfo)
    return Written(admin.username, _WELCOME_THEME, WELCOME_POST, "public", None, when, ())


_WELCOME_THEME = Topic(name="welcome", mood="neutral", bodies=(WELCOME_POST,), talk=2.0)
