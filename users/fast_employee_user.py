"""FastEmployeeUser: the same flow on geventhttpclient, for more employees per CPU second."""

from locust import constant
from locust.contrib.fasthttp import FastHttpUser

from users.flow import EmployeeFlow


class FastEmployeeUser(EmployeeFlow, FastHttpUser):
    """Creates employees one after another, with no pause: the PBX sets the pace."""

    wait_time = constant(0)
