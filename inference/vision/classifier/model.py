"""An X3D-style 3D CNN for short CCTV clips, in plain torch (no torchvision on CPU wheels).

After Feichtenhofer, "X3D: Expanding Architectures for Efficient Video Recognition" (2020): a stem of a
spatial 1x3x3 convolution and a depthwise temporal 5x1x1 one; stages of residual bottlenecks whose middle
is a depthwise 3x3x3 convolution, squeeze-excitation in every other block and swish after it; then a 1x1x1
expansion, global pooling and a small fully connected head. Depthwise convolutions keep it cheap enough for
a CPU beside a camera; the default is smaller than X3D-S (fewer blocks, narrower head) for that reason.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import torch
from torch import nn


@dataclass(frozen=True)
class X3DConfig:
    num_classes: int
    stem_width: int = 24
    stage_widths: tuple[int, ...] = (24, 48, 96, 192)
    stage_depths: tuple[int, ...] = (1, 2, 3, 2)
    expansion: float = 2.25
    conv5_width: int = 432
    head_width: int = 512
    dropout: float = 0.3

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> X3DConfig:
        fields = dict(raw)
        fields["stage_widths"] = tuple(fields["stage_widths"])
        fields["stage_depths"] = tuple(fields["stage_depths"])
        return cls(**fields)

    @classmethod
    def tiny(cls, num_classes: int) -> X3DConfig:
        """For tests: the same structure, a few thousand parameters."""
        return cls(num_classes, 8, (8, 16), (1, 1), 2.0, 32, 32, 0.0)


class SqueezeExcite(nn.Module):
    def __init__(self, channels: int, ratio: float = 0.0625) -> None:
        super().__init__()
        hidden = max(8, round(channels * ratio))
        self.reduce = nn.Conv3d(channels, hidden, 1)
        self.expand = nn.Conv3d(hidden, channels, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        scale = x.mean(dim=(2, 3, 4), keepdim=True)
        scale = torch.sigmoid(self.expand(torch.relu(self.reduce(scale))))
        return x * scale


class Bottleneck(nn.Module):
    def __init__(self, c_in: int, c_inner: int, c_out: int, stride: int, use_se: bool) -> None:
        super().__init__()
        self.a = nn.Sequential(nn.Conv3d(c_in, c_inner, 1, bias=False), nn.BatchNorm3d(c_inner), nn.ReLU())
        self.b = nn.Sequential(
            nn.Conv3d(c_inner, c_inner, 3, stride=(1, stride, stride), padding=1, groups=c_inner, bias=False),
            nn.BatchNorm3d(c_inner),
        )
        self.se = SqueezeExcite(c_inner) if use_se else nn.Identity()
        self.swish = nn.SiLU()
        self.last_norm = nn.BatchNorm3d(c_out)
        self.c = nn.Sequential(nn.Conv3d(c_inner, c_out, 1, bias=False), self.last_norm)
        self.shortcut: nn.Module = nn.Identity()
        if stride != 1 or c_in != c_out:
            self.shortcut = nn.Sequential(
                nn.Conv3d(c_in, c_out, 1, stride=(1, stride, stride), bias=False), nn.BatchNorm3d(c_out)
            )
        self.relu = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.c(self.swish(self.se(self.b(self.a(x)))))
        result: torch.Tensor = self.relu(out + self.shortcut(x))
        return result


class X3D(nn.Module):
    """Input [batch, 3, frames, height, width], normalised as `clips.prepare_clip` does; output logits."""

    def __init__(self, config: X3DConfig) -> None:
        super().__init__()
        self.config = config
        w = config.stem_width
        self.stem = nn.Sequential(
            nn.Conv3d(3, w, (1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1), bias=False),
            nn.Conv3d(w, w, (5, 1, 1), padding=(2, 0, 0), groups=w, bias=False),
            nn.BatchNorm3d(w),
            nn.ReLU(),
        )
        blocks: list[nn.Module] = []
        c_in = w
        for width, depth in zip(config.stage_widths, config.stage_depths, strict=True):
            inner = round(width * config.expansion)
            for i in range(depth):
                blocks.append(Bottleneck(c_in, inner, width, 2 if i == 0 else 1, use_se=i % 2 == 0))
                c_in = width
        self.stages = nn.Sequential(*blocks)
        self.conv5 = nn.Sequential(
            nn.Conv3d(c_in, config.conv5_width, 1, bias=False), nn.BatchNorm3d(config.conv5_width), nn.ReLU()
        )
        self.head = nn.Sequential(
            nn.Linear(config.conv5_width, config.head_width),
            nn.ReLU(),
            nn.Dropout(config.dropout),
            nn.Linear(config.head_width, config.num_classes),
        )
        self._init_weights()

    def _init_weights(self) -> None:
        for module in self.modules():
            if isinstance(module, nn.Conv3d):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(module, nn.BatchNorm3d):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)
        for block in self.stages:
            if isinstance(block, Bottleneck):
                # Each residual block starts as (almost) the identity, which makes a deep net train at once.
                nn.init.zeros_(block.last_norm.weight)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = self.conv5(self.stages(self.stem(x)))
        pooled = features.mean(dim=(2, 3, 4))
        logits: torch.Tensor = self.head(pooled)
        return logits


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
