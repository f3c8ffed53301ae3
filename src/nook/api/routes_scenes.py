"""/api/v1 scenes: my schools, campus pages (同校 / 同级 / 同班), the 老同学 feed, the classmate prompt,
classmate suggestions, and 同城 (local circles, same-city recommendations, their settings)."""

from __future__ import annotations

from typing import Literal

from fastapi import Query
from pydantic import BaseModel, Field, StrictBool
from sqlalchemy.orm import Session

from nook.api import schemas as S
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.serialize import post_page, user_out
from nook.errors import NotFound
from nook.http.params import EnrollYear, PathId, PathName
from nook.http.unit import CredentialsDep, unit
from nook.phrases import N_
from nook.social import authz
from nook.social import limits as L
from nook.social.authz import Viewer
from nook.social.people import circles
from nook.social.people.directory import visible_user
from nook.social.scenes import campus, classmates, nearby, schools
from nook.store.models import SceneSettings, User, UserSchool
from nook.vocabulary import PrivacyLevel

router = ApiRouter(tags=["scenes"], responses=ERRORS)
Cursor = Query(None, max_length=200)
Limit = Query(20, ge=1, le=50)
SchoolKind = Literal["初中", "高中", "大学"]


class SchoolIn(S.In):
    kind: SchoolKind
    name: str = Field(min_length=1, max_length=L.SCHOOL_MAX, examples=["南城一中"])
    enroll_year: int | None = Field(default=None, ge=1950, le=2100)
    class_name: str = Field(default="", max_length=L.CLASS_MAX, examples=["高三(2)班"])
    school_privacy: PrivacyLevel = "public"
    year_privacy: PrivacyLevel = "public"
    class_privacy: PrivacyLevel = "friends"


class SchoolPatch(S.In):
    kind: SchoolKind | None = None
    name: str | None = Field(default=None, min_length=1, max_length=L.SCHOOL_MAX)
    enroll_year: int | None = Field(default=None, ge=1950, le=2100)
    class_name: str | None = Field(default=None, max_length=L.CLASS_MAX)
    school_privacy: PrivacyLevel | None = None
    year_privacy: PrivacyLevel | None = None
    class_privacy: PrivacyLevel | None = None


class SchoolOut(BaseModel):
    id: int
    kind: str
    name: str
    enroll_year: int | None = Field(description="null when hidden from you")
    class_name: str | None = Field(description="null when hidden from you")
    school_privacy: str | None = Field(default=None, description="your own schools only")
    year_privacy: str | None = None
    class_privacy: str | None = None
    campus_url: str | None = Field(default=None, description="the campus page of this school and year")


class ClassmateOut(BaseModel):
    user: S.UserOut
    school: SchoolOut
    same_year: bool
    same_class: bool


class CampusPostPage(S.PostPage):
    school: str
    year: int
    scope: str
    members: int


class PromptOut(BaseModel):
    id: int
    text: str
    classmate: S.UserOut
    kind: str


class SuggestionOut(BaseModel):
    user: S.UserOut
    reason: str
    mutual_friends: int
    mutual_names: list[str]


class NearbyCircleOut(BaseModel):
    slug: str
    name: str
    city: str
    member_count: int
    reason: str


class SceneSettingsIn(S.In):
    city_recommendations: StrictBool | None = None
    city_from_activity: StrictBool | None = None


class SceneSettingsOut(BaseModel):
    city_recommendations: bool
    city_from_activity: bool


class LocalityIn(S.In):
    city: str = Field(max_length=L.CITY_MAX, description="empty: not local to any city")
    open_to_other_cities: StrictBool = False


class LocalityOut(BaseModel):
    city: str | None
    open_to_other_cities: bool


def _school_out(viewer: Viewer, owner: User, row: UserSchool) -> SchoolOut:
    own = viewer.id == owner.id
    year_ok = authz.can_see_school(viewer, owner, row, "year")
    return SchoolOut(
        id=row.id,
        kind=row.kind,
        name=row.name,
        enroll_year=row.enroll_year if year_ok else None,
        class_name=row.class_name if authz.can_see_school(viewer, owner, row, "class") else None,
        school_privacy=row.school_privacy if own else None,
        year_privacy=row.year_privacy if own else None,
        class_privacy=row.class_privacy if own else None,
        campus_url=f"/campus/{row.name}/{row.enroll_year}" if year_ok and row.enroll_year else None,
    )


def _settings_out(row: SceneSettings) -> SceneSettingsOut:
    return SceneSettingsOut(city_recommendations=row.city_recommendations, city_from_activity=row.city_from_activity)


def _locality_out(loc: nearby.Locality | None) -> LocalityOut:
    return LocalityOut(city=loc.city if loc else None, open_to_other_cities=bool(loc and loc.open_to_other_cities))


# --- my schools -------------------------------------------------------------------------------


@router.get("/me/schools", response_model=list[SchoolOut])
def my_schools(creds: CredentialsDep) -> list[SchoolOut]:
    with unit(creds) as ctx:
        return [_school_out(ctx.viewer, ctx.me, s) for s in schools.schools_of(ctx.session, ctx.me.id)]


@router.post("/me/schools", response_model=SchoolOut, status_code=201)
def add_school(body: SchoolIn, creds: CredentialsDep) -> SchoolOut:
    """Declare a school (at most six); the first one is also the profile's school."""
    with unit(creds, write=True) as ctx:
        row = schools.add_school(ctx.session, ctx.me, body.model_dump())
        return _school_out(ctx.viewer, ctx.me, row)


@router.patch("/me/schools/{school_id}", response_model=SchoolOut)
def edit_school(school_id: PathId, body: SchoolPatch, creds: CredentialsDep) -> SchoolOut:
    with unit(creds, write=True) as ctx:
        row = schools.update_school(ctx.session, ctx.me, school_id, body.model_dump(exclude_unset=True))
        return _school_out(ctx.viewer, ctx.me, row)


@router.delete("/me/schools/{school_id}", response_model=S.OkOut)
def remove_school(school_id: PathId, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        schools.delete_school(ctx.session, ctx.me, school_id)
    return S.OkOut()


@router.get("/users/{username}/schools", response_model=list[SchoolOut])
def user_schools(username: PathName, creds: CredentialsDep) -> list[SchoolOut]:
    """A member's schools, as far as their privacy lets you see them."""
    with unit(creds) as ctx:
        owner = visible_user(ctx.session, ctx.viewer, username)
        return [_school_out(ctx.viewer, owner, s) for s in schools.visible_schools_of(ctx.session, ctx.viewer, owner)]


# --- campus pages and the 老同学 feed ---------------------------------------------------------


Scope = Query("year", pattern="^(school|year|class)$", description="school 同校, year 同级, class 同班 (your class)")


def _class_for(session: Session, me: User, school: str, year: int, scope: str) -> str:
    class_name = campus.my_class(session, me, school, year)
    if scope == "class" and not class_name:
        raise NotFound(N_("你没有填写这所学校这一级的班级"))
    return class_name


@router.get("/campus/{school}/{year}/members", response_model=list[ClassmateOut])
def campus_members(creds: CredentialsDep, school: PathName, year: EnrollYear, scope: str = Scope) -> list[ClassmateOut]:
    """Members who let you see they went to this school (and year, and class for 同班)."""
    with unit(creds) as ctx:
        class_name = _class_for(ctx.session, ctx.me, school, year, scope)
        rows = campus.campus_members(ctx.session, ctx.viewer, school, year, scope=scope, class_name=class_name)
        return [
            ClassmateOut(
                user=user_out(c.user),
                school=_school_out(ctx.viewer, c.user, c.school),
                same_year=c.same_year,
                same_class=c.same_class,
            )
            for c in rows
        ]


@router.get("/campus/{school}/{year}/posts", response_model=CampusPostPage)
def campus_posts(
    creds: CredentialsDep,
    school: PathName,
    year: EnrollYear,
    scope: str = Scope,
    cursor: str | None = Cursor,
    limit: int = Limit,
) -> CampusPostPage:
    """同校 / 同级 / 同班 posts, newest first: each one you may see, by members who let you see the school."""
    with unit(creds) as ctx:
        class_name = _class_for(ctx.session, ctx.me, school, year, scope)
        page = campus.campus_posts(
            ctx.session, ctx.viewer, school, year, scope=scope, class_name=class_name, cursor=cursor, limit=limit
        )
        out = post_page(ctx.session, ctx.viewer, page)
        return CampusPostPage(
            items=out.items,
            next_cursor=out.next_cursor,
            school=schools.normalize_school(school),
            year=year,
            scope=scope,
            members=campus.campus_size(ctx.session, ctx.viewer, school, year),
        )


@router.get("/feed/classmates", response_model=S.PostPage)
def classmates_feed(creds: CredentialsDep, cursor: str | None = Cursor, limit: int = Limit) -> S.PostPage:
    """老同学: posts by members who went to one of your schools."""
    with unit(creds) as ctx:
        page = campus.classmates_feed(ctx.session, ctx.viewer, cursor=cursor, limit=limit)
        return post_page(ctx.session, ctx.viewer, page)


@router.post("/posts/{post_id}/classmate-prompt", response_model=PromptOut | None)
def classmate_prompt(post_id: PathId, creds: CredentialsDep) -> PromptOut | None:
    """The classmate prompt for this post, once: null when there is none or it was already shown."""
    with unit(creds, write=True) as ctx:
        found = classmates.classmate_prompt(ctx.session, ctx.viewer, ctx.me, post_id)
        if found is None:
            return None
        return PromptOut(id=found.prompt_id, text=found.text, classmate=user_out(found.classmate), kind=found.kind)


@router.get("/suggestions/classmates", response_model=list[SuggestionOut])
def classmate_suggestions(creds: CredentialsDep) -> list[SuggestionOut]:
    """People from your schools (同班, 同级, 同校) you may know, with mutual friends."""
    with unit(creds, write=True) as ctx:
        rows = classmates.classmate_suggestions(ctx.session, ctx.viewer, ctx.me)
        return [
            SuggestionOut(
                user=user_out(s.user), reason=str(s.reason), mutual_friends=s.mutual_count, mutual_names=s.mutual_names
            )
            for s in rows
        ]


# --- 同城 ---------------------------------------------------------------------------------------


@router.get("/nearby/circles", response_model=list[NearbyCircleOut])
def nearby_circles(creds: CredentialsDep) -> list[NearbyCircleOut]:
    """Local circles of your city you have not joined, each with why it is shown."""
    with unit(creds, write=True) as ctx:
        return [
            NearbyCircleOut(
                slug=t.circle.slug, name=t.circle.name, city=t.city, member_count=t.member_count, reason=str(t.reason)
            )
            for t in nearby.recommend_circles(ctx.session, ctx.viewer, ctx.me)
        ]


@router.get("/nearby/people", response_model=list[SuggestionOut])
def nearby_people(creds: CredentialsDep) -> list[SuggestionOut]:
    """Members in your city who show it, with shared circles and mutual friends."""
    with unit(creds, write=True) as ctx:
        return [
            SuggestionOut(
                user=user_out(t.user), reason=str(t.reason), mutual_friends=t.mutual_count, mutual_names=t.mutual_names
            )
            for t in nearby.recommend_members(ctx.session, ctx.viewer, ctx.me)
        ]


@router.get("/me/scene-settings", response_model=SceneSettingsOut)
def scene_settings(creds: CredentialsDep) -> SceneSettingsOut:
    with unit(creds) as ctx:
        row = nearby.settings_of(ctx.session, ctx.me.id)
        return SceneSettingsOut(
            city_recommendations=row.city_recommendations, city_from_activity=row.city_from_activity
        )


@router.put("/me/scene-settings", response_model=SceneSettingsOut)
def edit_scene_settings(body: SceneSettingsIn, creds: CredentialsDep) -> SceneSettingsOut:
    """Turn city-based recommendations off (default on), or let your circles and #城市# posts count (default off)."""
    with unit(creds, write=True) as ctx:
        row = nearby.update_settings(ctx.session, ctx.me, **body.model_dump())
        return SceneSettingsOut(
            city_recommendations=row.city_recommendations, city_from_activity=row.city_from_activity
        )


@router.get("/circles/{slug}/locality", response_model=LocalityOut)
def circle_locality(slug: PathName, creds: CredentialsDep) -> LocalityOut:
    with unit(creds, login=False) as ctx:
        loc = nearby.locality_of(ctx.session, circles.get_circle(ctx.session, slug))
        return LocalityOut(
            city=loc.city if loc else None, open_to_other_cities=loc.open_to_other_cities if loc else False
        )


@router.put("/circles/{slug}/locality", response_model=LocalityOut)
def set_circle_locality(slug: PathName, body: LocalityIn, creds: CredentialsDep) -> LocalityOut:
    """The owner marks the circle local to a city (empty city: not local), and whether other cities may see it."""
    with unit(creds, write=True) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        loc = nearby.set_locality(
            ctx.session, ctx.viewer, circle, city=body.city, open_to_other_cities=body.open_to_other_cities
        )
        return LocalityOut(
            city=loc.city if loc else None, open_to_other_cities=loc.open_to_other_cities if loc else False
        )
